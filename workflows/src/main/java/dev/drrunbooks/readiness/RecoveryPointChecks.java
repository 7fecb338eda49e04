package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Failures;
import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * How old the newest recovery point of a service's database is in each of its regions, against its
 * RPO. In the primary region: the instance's latest restorable time (point-in-time recovery), else
 * its newest available snapshot. In the DR region, what a region loss leaves: the automated backups
 * replicated there
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html), else the
 * newest snapshot copied there. The DR region's age is the RPO a region loss would cost.
 */
final class RecoveryPointChecks {
  private final RdsRestoreActivities rds;
  private final RdsSnapshotActivities snapshots;

  RecoveryPointChecks(RdsRestoreActivities rds, RdsSnapshotActivities snapshots) {
    this.rds = rds;
    this.snapshots = snapshots;
  }

  /** The primary region's newest recovery point; its {@code at} is null when there is none. */
  RecoveryPoint primary(ServiceDefinition service) {
    String region = service.regions().primary();
    String instance = service.spec().database().instance();
    try {
      return new RecoveryPoint(
          region,
          rds.restorableWindow(region, instance).latest(),
          "latest restorable time of " + instance);
    } catch (ActivityFailure e) {
      return newestSnapshot(region, instance, Failures.rootMessage(e));
    }
  }

  /** The DR region's newest recovery point; its {@code at} is null when there is none. */
  RecoveryPoint dr(ServiceDefinition service) {
    String primary = service.regions().primary();
    String dr = service.regions().dr();
    String instance = service.spec().database().instance();
    try {
      RestoreSource source =
          rds.findRestoreSource(new RestoreSourceQuery(dr, instance, primary, null));
      return new RecoveryPoint(dr, source.window().latest(), source.description());
    } catch (ActivityFailure e) {
      return newestSnapshot(dr, instance, Failures.rootMessage(e));
    }
  }

  private RecoveryPoint newestSnapshot(String region, String instance, String noPitr) {
    Optional<SnapshotInfo> newest =
        snapshots.listSnapshots(region, instance).stream()
            .filter(s -> "available".equals(s.status()) && s.createdAt() != null)
            .max(Comparator.comparing(SnapshotInfo::createdAt));
    return newest
        .map(s -> new RecoveryPoint(region, s.createdAt(), "snapshot " + s.snapshotId()))
        .orElseGet(() -> new RecoveryPoint(region, null, noPitr + "; and no available snapshot"));
  }

  /** The check of one region's recovery point against the RPO, at {@code now}. */
  static ReadinessCheck check(String service, RecoveryPoint point, Duration rpo, Instant now) {
    String name = "recovery point in " + point.region();
    String expected = "newer than RPO " + Ages.of(rpo);
    if (point.at() == null)
      return new ReadinessCheck(service, name, expected, point.source(), CheckVerdict.FAIL);
    Duration age = Duration.between(point.at(), now);
    return ReadinessCheck.of(
        service,
        name,
        expected,
        Ages.of(age) + " old (" + point.source() + ")",
        rpo == null || age.compareTo(rpo) <= 0);
  }
}
