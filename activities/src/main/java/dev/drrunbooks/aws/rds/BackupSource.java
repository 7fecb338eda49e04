package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.RestoreSource;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * How RestoreDBInstanceToPointInTime names its source: exactly one of SourceDBInstanceIdentifier (a
 * live instance), SourceDbiResourceId (the retained automated backup of a deleted instance, in its
 * region) and SourceDBInstanceAutomatedBackupsArn (automated backups replicated to the region of
 * the restore)
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html).
 * A deleted instance is never named by its identifier: another instance may carry that name now.
 */
final class BackupSource {
  private BackupSource() {}

  static void name(
      RestoreSource source, String instanceId, RestoreDbInstanceToPointInTimeRequest.Builder call) {
    if (source == null || source.isInstance()) {
      call.sourceDBInstanceIdentifier(instanceId);
    } else if (RestoreSource.RETAINED_BACKUP.equals(source.kind())
        && source.dbiResourceId() != null) {
      call.sourceDbiResourceId(source.dbiResourceId());
    } else if (source.automatedBackupArn() != null) {
      call.sourceDBInstanceAutomatedBackupsArn(source.automatedBackupArn());
    } else {
      throw RdsSupport.invalidInput(
          "restore source '"
              + source.description()
              + "' has neither a resource id nor an automated backup ARN to restore from");
    }
  }
}
