package dev.drrunbooks.activities.rds;

import dev.drrunbooks.catalog.BackupSpec;
import io.temporal.activity.ActivityInterface;

/** RDS backup configuration of production instances (the backup-policy procedure). Each call is safe to retry. */
@ActivityInterface(namePrefix = "Rds")
public interface RdsBackupActivities {

  /** Backup retention, preferred window and IAM authentication of an instance, including pending changes. */
  BackupSettings describeBackupSettings(String region, String instanceId);

  /** One modify-db-instance (apply immediately) setting all three to the policy; returns what RDS then reports. */
  BackupSettings applyBackupSettings(String region, String instanceId, BackupSpec policy);
}
