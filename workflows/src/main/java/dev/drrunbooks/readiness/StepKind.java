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
  RDS_RESTORE("DB instance restore until available", "wait until (?!snapshot )\\S+ is available"),
  /** A snapshot copied to another region, until the copy is available. */
  SNAPSHOT_COPY("snapshot copy until available", "wait until snapshot \\S+ is available"),
  /** One weighted-record change until Route 53 reports it INSYNC (DnsFailover's stages). */
  DNS_SHIFT("DNS weight change until INSYNC", "shift \\d+% to .+"),
  /** An ECS service deployment until it is steady (ECS recovery, the drill). */
  ECS_STEADY("ECS service until steady", "(?:\\S+: )?wait until \\S+ is steady(?: on .+)?"),
  /** An approval gate, from when it opened until it was answered. */
  APPROVAL("approval gate until answered", "approval: .+"),
  /** Replaying the good transactions after a corrupted-data restore. */
  REPLAY("transaction replay", "replay into .+");

  private final String title;
  private final Pattern name;

  StepKind(String title, String name) {
    this.title = title;
    this.name = Pattern.compile(name);
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
