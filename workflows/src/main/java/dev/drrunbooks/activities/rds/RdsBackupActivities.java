package dev.drrunbooks.activities.rds;

import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import io.temporal.activity.ActivityInterface;

/**
 * RDS backup configuration of production instances (the backup-policy procedure). Each call is safe
 * to retry.
 */
@ActivityInterface(namePrefix = "Rds")
public interface RdsBackupActivities {

  /**
   * Backup retention, preferred window and IAM authentication of an instance, including pending
   * changes.
   */
  BackupSettings describeBackupSettings(String region, String instanceId);

  /**
   * Sets each off-policy setting on its own (retention, window, IAM auth), so a setting RDS refuses
   * (a window overlapping the maintenance window) leaves the others applied; returns what RDS then
   * reports, with the refused settings and why in {@link BackupSettings#refused()}. Throws only
   * when the instance cannot be read or RDS fails in a way worth retrying.
   */
  BackupSettings applyBackupSettings(String region, String instanceId, BackupSpec policy);

  /** The instance's automated backups replicated to {@code drRegion}, or null when they are not. */
  DrBackupReplication drBackupReplication(String sourceRegion, String instanceId, String drRegion);

  /**
   * Starts replicating the instance's automated backups to {@code drRegion} with the spec's
   * retention and key (StartDBInstanceAutomatedBackupsReplication, called in {@code drRegion});
   * does nothing when they already are. Returns the replication as RDS then reports it.
   */
  DrBackupReplication startDrBackupReplication(
      String sourceRegion, String instanceId, String drRegion, DrBackupReplicationSpec spec);

  /**
   * Stops replicating the instance's automated backups to {@code drRegion}
   * (StopDBInstanceAutomatedBackupsReplication, called in {@code drRegion}); does nothing when they
   * are not. Returns what is left replicating there: null once stopped.
   */
  DrBackupReplication stopDrBackupReplication(
      String sourceRegion, String instanceId, String drRegion);
}
