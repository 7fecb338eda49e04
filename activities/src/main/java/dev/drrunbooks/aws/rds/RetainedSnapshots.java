package dev.drrunbooks.aws.rds;

import dev.drrunbooks.aws.AwsFailures;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;

/**
 * The automated snapshots kept with a deleted instance's retained automated backups ("Retained
 * automated backups contain system snapshots and transaction logs from a DB instance",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html),
 * found by the DbiResourceId of each retained backup of the name (DescribeDBSnapshots'
 * DbiResourceId,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html).
 * Snapshots are kept only when their resource id matches: an emulator that ignores the filter
 * cannot add another instance's.
 */
final class RetainedSnapshots {
  private RetainedSnapshots() {}

  static List<DBSnapshot> of(RdsSupport rds, String region, String instanceId) {
    List<DBSnapshot> out = new ArrayList<>();
    try {
      List<DBInstanceAutomatedBackup> retained =
          rds
              .client(region)
              .describeDBInstanceAutomatedBackups(r -> r.dbInstanceIdentifier(instanceId))
              .dbInstanceAutomatedBackups()
              .stream()
              .filter(b -> "retained".equals(b.status()) && b.dbiResourceId() != null)
              .toList();
      for (DBInstanceAutomatedBackup b : retained) {
        rds
            .client(region)
            .describeDBSnapshotsPaginator(
                r -> r.dbiResourceId(b.dbiResourceId()).snapshotType("automated"))
            .dbSnapshots()
            .stream()
            .filter(s -> b.dbiResourceId().equals(s.dbiResourceId()))
            .forEach(out::add);
      }
    } catch (DbInstanceAutomatedBackupNotFoundException e) {
      return List.of();
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "retained automated snapshots of " + instanceId + " in " + region);
    }
    return out;
  }
}
