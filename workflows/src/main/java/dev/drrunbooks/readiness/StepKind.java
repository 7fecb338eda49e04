package dev.drrunbooks.readiness;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A kind of step whose measured durations predict a recovery's: each procedure's timeline names its
 * steps, and these are the ones whose time a recovery spends waiting on AWS or on people. Read from
 * the step names the procedures write, so every run ever recorded in the ledger counts.
 */
public enum StepKind {
  /** A restored DB instance, from the restore call until it is available (RestoreSteps). */
  RDS_RESTORE(
      "DB instance restore until available",
      "restore",
      "restores",
      "wait until (?!snapshot )\\S+ is available"),
  /** A snapshot copied to another region, until the copy is available. */
  SNAPSHOT_COPY(
      "snapshot copy until available",
      "snapshot copy",
      "snapshot copies",
      "wait until snapshot \\S+ is available"),
  /**
   * A cross-region read replica's promotion, from the request until it accepts writes (the standby
   * failover's wait).
   */
  RDS_PROMOTION(
      "read replica promotion until it accepts writes",
      "promotion",
      "promotions",
      "wait until \\S+ accepts writes"),
  /** The database pointer's CNAME change until Route 53 reports it INSYNC (standby failover). */
  POINTER_MOVE(
      "database pointer change until INSYNC",
      "pointer move",
      "pointer moves",
      "wait until the pointer's change is INSYNC"),
  /** One weighted-record change until Route 53 reports it INSYNC (DnsFailover's stages). */
  DNS_SHIFT("DNS weight change until INSYNC", "DNS change", "DNS changes", "shift \\d+% to .+"),
  /** An ECS service deployment until it is steady (ECS recovery, the drill). */
  ECS_STEADY(
      "ECS service until steady",
      "ECS deployment",
      "ECS deployments",
      "(?:\\S+: )?wait until \\S+ is steady(?: on .+)?"),
  /** An approval gate, from when it opened until it was answered. */
  APPROVAL("approval gate until answered", "approval", "approvals", "approval: .+"),
  /** Replaying the good transactions after a corrupted-data restore. */
  REPLAY("transaction replay", "replay", "replays", "replay into .+");

  private final String title;
  private final String one;
  private final String many;
  private final Pattern name;

  StepKind(String title, String one, String many, String name) {
    this.title = title;
    this.one = one;
    this.many = many;
    this.name = Pattern.compile(name);
  }

  /** How many were measured, for people: "no restore measured", "1 restore", "6 restores". */
  public String counted(int n) {
    if (n <= 0) return "no " + one + " measured";
    return n + " " + (n == 1 ? one : many);
  }

  /** For people: "DB instance restore until available". */
  public String title() {
    return title;
  }

  /** The kind of a timeline step, by its name; empty for a step that predicts nothing. */
  public static Optional<StepKind> of(String stepName) {
    if (stepName == null) return Optional.empty();
    for (StepKind k : values()) if (k.name.matcher(stepName).matches()) return Optional.of(k);
    return Optional.empty();
  }
}
