package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.aws.AwsFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;

/**
 * Finds what a point-in-time restore of an instance named in the catalog can come from, when the
 * instance itself may be gone or its region unreachable.
 *
 * <ul>
 *   <li>The instance's own region: the live instance; else a retained automated backup of a deleted
 *       instance of that name. "When you delete a DB instance, you can choose to retain automated
 *       backups", restorable to a point within their retention period by DbiResourceId or backup
 *       ARN; DescribeDBInstanceAutomatedBackups lists them with status {@code retained}, their
 *       DbiResourceId, RestoreWindow and ARN
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html,
 *       https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html).
 *   <li>Another region: automated backups replicated there from the instance
 *       (StartDBInstanceAutomatedBackupsReplication). DescribeDBInstanceAutomatedBackups in the
 *       destination region lists them, with the source's DBInstanceIdentifier, DBInstanceArn and
 *       Region, their own RestoreWindow and DBInstanceAutomatedBackupsArn, which
 *       RestoreDBInstanceToPointInTime takes as SourceDBInstanceAutomatedBackupsArn
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html).
 * </ul>
 *
 * A backup without a RestoreWindow is not used: nothing says to which times it can restore.
 */
final class RestoreSources {
  static final String NONE = "RdsNoRestoreSource";

  private final RdsSupport rds;

  RestoreSources(RdsSupport rds) {
    this.rds = rds;
  }

  /**
   * @param liveWindow the restorable window of a live instance
   */
  RestoreSource find(RestoreSourceQuery q, Function<DBInstance, RestorableWindow> liveWindow) {
    String region = q.region();
    String id = q.instanceId();
    List<String> searched = new ArrayList<>();
    if (!q.crossRegion()) {
      Optional<DBInstance> live = rds.findInstance(region, id);
      if (live.isPresent()) {
        DBInstance db = live.get();
        return new RestoreSource(
            region,
            id,
            RestoreSource.INSTANCE,
            db.dbiResourceId(),
            null,
            region,
            liveWindow.apply(db),
            "instance " + id);
      }
      searched.add("RDS instance '" + id + "' in " + region + " (DescribeDBInstances): not found");
      List<DBInstanceAutomatedBackup> retained =
          backups(region, id).stream()
              .filter(b -> id.equals(b.dbInstanceIdentifier()) && "retained".equals(b.status()))
              .toList();
      Optional<DBInstanceAutomatedBackup> chosen = choose(retained, q);
      searched.add(
          "retained automated backups of deleted instance '"
              + id
              + "' in "
              + region
              + " (DescribeDBInstanceAutomatedBackups): "
              + found(retained));
      if (chosen.isPresent()) return retained(q, chosen.get());
    } else {
      List<DBInstanceAutomatedBackup> replicated =
          backups(region, null).stream()
              .filter(b -> id.equals(b.dbInstanceIdentifier()))
              .filter(b -> b.region() == null || b.region().equals(q.sourceRegion()))
              .toList();
      Optional<DBInstanceAutomatedBackup> chosen = choose(replicated, q);
      searched.add(
          "automated backups of '"
              + id
              + "' replicated from "
              + q.sourceRegion()
              + " to "
              + region
              + " (DescribeDBInstanceAutomatedBackups in "
              + region
              + "): "
              + found(replicated));
      if (chosen.isPresent()) return replicated(q, chosen.get());
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "nothing restorable to a point in time for RDS instance '"
            + id
            + "' in "
            + region
            + "; searched: "
            + String.join("; ", searched)
            + (q.crossRegion()
                ? " (is automated backup replication to " + region + " on?)"
                : " (a final or manual snapshot is restored with dr restore-snapshot)"),
        NONE);
  }

  private static RestoreSource retained(RestoreSourceQuery q, DBInstanceAutomatedBackup b) {
    return new RestoreSource(
        q.region(),
        q.instanceId(),
        RestoreSource.RETAINED_BACKUP,
        b.dbiResourceId(),
        b.dbInstanceAutomatedBackupsArn(),
        q.region(),
        window(b),
        "retained automated backup of deleted instance "
            + q.instanceId()
            + " (resource id "
            + b.dbiResourceId()
            + ")");
  }

  private static RestoreSource replicated(RestoreSourceQuery q, DBInstanceAutomatedBackup b) {
    String from = b.region() == null ? q.sourceRegion() : b.region();
    return new RestoreSource(
        q.region(),
        q.instanceId(),
        RestoreSource.REPLICATED_BACKUP,
        b.dbiResourceId(),
        b.dbInstanceAutomatedBackupsArn(),
        from,
        window(b),
        "automated backups of "
            + q.instanceId()
            + " replicated from "
            + from
            + " to "
            + q.region()
            + " ("
            + b.dbInstanceAutomatedBackupsArn()
            + ")");
  }

  /**
   * One with a restore window (and an ARN or resource id to name it by): one whose window holds the
   * point asked for, else the one restorable to the latest time.
   */
  private static Optional<DBInstanceAutomatedBackup> choose(
      List<DBInstanceAutomatedBackup> backups, RestoreSourceQuery q) {
    List<DBInstanceAutomatedBackup> usable =
        backups.stream()
            .filter(RestoreSources::hasWindow)
            .filter(
                b ->
                    q.crossRegion()
                        ? b.dbInstanceAutomatedBackupsArn() != null
                        : b.dbiResourceId() != null)
            .sorted(
                Comparator.comparing(
                        (DBInstanceAutomatedBackup b) -> b.restoreWindow().latestTime())
                    .reversed())
            .toList();
    if (q.restoreTime() != null) {
      Optional<DBInstanceAutomatedBackup> holding =
          usable.stream().filter(b -> window(b).contains(q.restoreTime())).findFirst();
      if (holding.isPresent()) return holding;
    }
    return usable.stream().findFirst();
  }

  private static boolean hasWindow(DBInstanceAutomatedBackup b) {
    return b.restoreWindow() != null
        && b.restoreWindow().earliestTime() != null
        && b.restoreWindow().latestTime() != null;
  }

  private static RestorableWindow window(DBInstanceAutomatedBackup b) {
    return new RestorableWindow(b.restoreWindow().earliestTime(), b.restoreWindow().latestTime());
  }

  private static String found(List<DBInstanceAutomatedBackup> backups) {
    if (backups.isEmpty()) return "none";
    long usable = backups.stream().filter(RestoreSources::hasWindow).count();
    return backups.size() + " found" + (usable == 0 ? ", none with a restore window" : "");
  }

  /** Automated backups in {@code region}, of {@code instanceId} only when given. */
  private List<DBInstanceAutomatedBackup> backups(String region, String instanceId) {
    List<DBInstanceAutomatedBackup> out = new ArrayList<>();
    try {
      rds.client(region)
          .describeDBInstanceAutomatedBackupsPaginator(
              r -> {
                if (instanceId != null) r.dbInstanceIdentifier(instanceId);
              })
          .dbInstanceAutomatedBackups()
          .forEach(out::add);
    } catch (DbInstanceAutomatedBackupNotFoundException e) {
      return List.of();
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e,
          "describe-db-instance-automated-backups"
              + (instanceId == null ? "" : " --db-instance-identifier " + instanceId)
              + " in "
              + region);
    }
    return out;
  }
}
