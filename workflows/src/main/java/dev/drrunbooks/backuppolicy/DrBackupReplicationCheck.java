package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.activities.rds.DrBackupReplication;
import dev.drrunbooks.activities.rds.RdsBackupActivities;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import java.time.Instant;

/**
 * The backup policy's check of an instance's automated backups replicated to the DR region
 * (workflow code: it only calls activities and records the run's timeline).
 */
final class DrBackupReplicationCheck {
  static final String CHECK = "automated-backups-replication";

  private final RdsBackupActivities rds;
  private final Timeline timeline;

  DrBackupReplicationCheck(RdsBackupActivities rds, Timeline timeline) {
    this.rds = rds;
    this.timeline = timeline;
  }

  /**
   * Automated backups replicated to the DR region, as the catalog asks: started when missing,
   * stopped when the catalog says so. A replication with another retention or key is named, not
   * re-created: RDS cannot change it in place, and re-creating it leaves the DR region without new
   * restore points until the new replication's first backup.
   */
  PolicyCheck check(ServiceDefinition service, boolean apply) {
    DrBackupReplicationSpec spec = service.spec().database().backup().drReplication();
    String source = service.regions().primary();
    String dr = service.regions().dr();
    String instance = service.spec().database().instance();
    String resource = "rds:" + instance;
    boolean wanted = Boolean.TRUE.equals(spec.enabled());
    String expected =
        wanted
            ? DrBackupReplication.describe(dr, spec.retentionDays(), spec.kmsKeyId())
            : DrBackupReplication.absent(dr);
    Instant start = Timeline.now();
    DrBackupReplication current;
    try {
      current = rds.drBackupReplication(source, instance, dr);
    } catch (ActivityFailure e) {
      String why = Failures.rootMessage(e);
      timeline.record("check " + resource + " " + CHECK, start, Outcome.FAILED, why);
      return PolicyCheck.unreadable(service.key(), resource, CHECK, expected, why);
    }
    PolicyCheck audited =
        PolicyCheck.audited(service.key(), resource, CHECK, expected, found(current, dr));
    if (!apply || !audited.offPolicy()) {
      timeline.record("check " + resource + " " + CHECK, start, Outcome.SUCCEEDED, audited.found());
      return audited;
    }
    PolicyCheck result;
    if (wanted && current != null) {
      result =
          audited.failed(
              "RDS cannot change a running replication's retention or key: stop it and start it"
                  + " again with the catalog's settings (not done automatically: until the new"
                  + " replication's first backup, "
                  + dr
                  + " gets no new restore points)");
    } else {
      try {
        DrBackupReplication after =
            wanted
                ? rds.startDrBackupReplication(source, instance, dr, spec)
                : rds.stopDrBackupReplication(source, instance, dr);
        result = audited.changedTo(found(after, dr));
      } catch (ActivityFailure e) {
        result = audited.failed(Failures.rootMessage(e));
      }
    }
    timeline.record(
        "enforce " + resource + " " + CHECK,
        start,
        result.action() == PolicyAction.FAILED ? Outcome.FAILED : Outcome.SUCCEEDED,
        result.action() == PolicyAction.FAILED ? result.detail() : result.after());
    return result;
  }

  private static String found(DrBackupReplication state, String dr) {
    return state == null ? DrBackupReplication.absent(dr) : state.describe();
  }
}
