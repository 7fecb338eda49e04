package dev.drrunbooks.report;

import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeSample;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Results built by hand, as the workflows would return them. */
public final class ReportFixtures {
  public static final Instant INCIDENT = Instant.parse("2024-01-15T03:10:00Z");
  public static final Instant START = Instant.parse("2024-01-15T03:30:00Z");

  private ReportFixtures() {}

  public static TimelineEntry step(
      String name, int fromMin, int toMin, Outcome outcome, String detail) {
    return new TimelineEntry(
        name,
        START.plus(Duration.ofMinutes(fromMin)),
        START.plus(Duration.ofMinutes(toMin)),
        outcome,
        detail);
  }

  public static ValidationReport validation(boolean pass) {
    return ValidationReport.of(
        List.of(
            new QueryOutcome(
                "items present",
                "SELECT count(*) FROM inventory_items",
                "> 0",
                200L,
                null,
                true,
                null),
            new QueryOutcome(
                "transactions match source",
                "SELECT count(*) FROM inventory_transactions",
                "= source",
                pass ? 3000L : 2990L,
                3000L,
                pass,
                null)));
  }

  /**
   * A point-in-time restore of Inventory whose RTO (30m) was missed: the incident was at 03:10, the
   * instance was available at 03:52, so 42m; the RPO (15m) was met with 5m.
   */
  public static PointInTimeRestoreResult pitrThatMissedItsRto() {
    List<TimelineEntry> timeline =
        List.of(
            step("resolve inventory", 0, 0, Outcome.SUCCEEDED, "mycomputer-inventory-db"),
            step(
                "check restorable window",
                0,
                1,
                Outcome.SUCCEEDED,
                "2024-01-08T03:30Z .. 2024-01-15T03:25Z"),
            step(
                "restore mycomputer-inventory-db to 2024-01-15T03:05:00Z",
                1,
                2,
                Outcome.SUCCEEDED,
                "creating"),
            step(
                "wait until pitr-inventory-r is available",
                2,
                22,
                Outcome.SUCCEEDED,
                "available after 41 polls"),
            step("validate data", 22, 23, Outcome.SUCCEEDED, "all 2 checks passed"));
    RecoveryObjectives objectives =
        RecoveryObjectives.measure(
            new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15)),
            INCIDENT,
            START,
            START.plus(Duration.ofMinutes(22)),
            Instant.parse("2024-01-15T03:05:00Z"));
    return new PointInTimeRestoreResult(
        "inventory",
        "mycomputer-inventory-db",
        "pitr-inventory-r",
        "pitr-inventory-r.abc.eu-west-1.rds.amazonaws.com",
        5432,
        Instant.parse("2024-01-15T03:05:00Z"),
        new RestorableWindow(
            Instant.parse("2024-01-08T03:30:00Z"), Instant.parse("2024-01-15T03:25:00Z")),
        validation(true),
        objectives,
        timeline,
        "Restored to 2024-01-15T03:05:00Z; RTO BREACHED",
        null,
        null,
        null);
  }

  public static BackupValidationResult backupValidation() {
    SnapshotInfo snapshot =
        new SnapshotInfo(
            "rds:mycomputer-inventory-db-2024-01-15-03-00",
            "arn:aws:rds:snap",
            "eu-west-1",
            "mycomputer-inventory-db",
            "automated",
            "available",
            Instant.parse("2024-01-15T03:00:00Z"),
            true,
            null);
    return new BackupValidationResult(
        "inventory",
        snapshot,
        "backup-validation-inventory-v",
        Duration.ofMinutes(6),
        validation(true),
        List.of(
            new CleanupRecord(
                "rds:backup-validation-inventory-v", Outcome.COMPENSATED, "deleting")),
        List.of(
            step("pick the newest snapshot", 0, 0, Outcome.SUCCEEDED, snapshot.snapshotId()),
            step("restore", 0, 1, Outcome.SUCCEEDED, "creating"),
            step("wait until available", 1, 6, Outcome.SUCCEEDED, "available"),
            step("validate data", 6, 7, Outcome.SUCCEEDED, "all 2 checks passed"),
            step(
                "clean up rds:backup-validation-inventory-v",
                7,
                7,
                Outcome.COMPENSATED,
                "deleting")),
        "Backup restored in 360 s; all 2 checks passed; rds:backup-validation-inventory-v"
            + " deleting");
  }

  public static final String HOSTILE =
      "<script>alert('x')</script> | \"q\" & <img src=x onerror=alert(1)>";

  /**
   * A failover whose texts (as a misbehaving endpoint or a person could make them) try to inject
   * markup.
   */
  public static DnsFailoverResult failoverWithHostileStrings() {
    return new DnsFailoverResult(
        "payments",
        "api.mycomputer.com",
        Direction.FAILOVER,
        FailoverOutcome.SWITCHED,
        new WeightedRecordState("Z1", "api.mycomputer.com", 100L, 0L),
        new WeightedRecordState("Z1", "api.mycomputer.com", 0L, 100L),
        new GateDecision(
            "switch DNS",
            GateDecision.Verdict.APPROVED,
            "oncall " + HOSTILE,
            "primary down " + HOSTILE,
            START.plus(Duration.ofMinutes(2))),
        List.of("primary probes: UNHEALTHY " + HOSTILE),
        List.of(
            ProbeReport.of(
                "https://api.mycomputer.com/health?x=<b>",
                List.of(new ProbeSample(200, 40, null), new ProbeSample(200, 50, null)))),
        ObjectiveCheck.of(Duration.ofMinutes(15), Duration.ofMinutes(6), "from run start " + START),
        List.of(
            step("probe primary " + HOSTILE, 0, 1, Outcome.FAILED, HOSTILE),
            step("approval: switch DNS", 1, 2, Outcome.SUCCEEDED, "APPROVED"),
            step("shift 100% to Secondary", 2, 5, Outcome.SUCCEEDED, "INSYNC"),
            step("probe https://api.mycomputer.com/health", 5, 6, Outcome.SUCCEEDED, "HEALTHY")),
        "Switched " + HOSTILE);
  }
}
