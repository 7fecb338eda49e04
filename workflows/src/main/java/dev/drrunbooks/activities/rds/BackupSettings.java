package dev.drrunbooks.activities.rds;

import java.util.List;
import java.util.Map;

/**
 * What RDS reports of an instance's backup configuration. {@code pendingRetentionDays} is set when
 * a change was accepted but not yet applied (a change from or to 0 days waits for the maintenance
 * window); {@code otherPendingChanges} names the instance's other pending modifications (an
 * instance class change, a storage change), which the backup policy never applies, e.g. {@code
 * DBInstanceClass=db.r6g.large}: they happen at the next maintenance window, as before. {@code
 * maintenanceWindow} is the instance's weekly window (ddd:hh24:mi-ddd:hh24:mi, UTC), which the
 * daily backup window must not overlap. {@code refused}, after an apply, maps each setting RDS
 * refused (its check name, e.g. {@code preferred-backup-window}) to why; the other settings were
 * still applied.
 */
public record BackupSettings(
    String instanceId,
    String status,
    int retentionDays,
    Integer pendingRetentionDays,
    String window,
    boolean iamDatabaseAuthentication,
    List<String> otherPendingChanges,
    String maintenanceWindow,
    Map<String, String> refused) {

  public static final String RETENTION = "backup-retention-days";
  public static final String WINDOW = "preferred-backup-window";
  public static final String IAM_AUTH = "iam-database-authentication";

  public BackupSettings {
    otherPendingChanges =
        otherPendingChanges == null ? List.of() : List.copyOf(otherPendingChanges);
    refused = refused == null ? Map.of() : Map.copyOf(refused);
  }

  public BackupSettings(
      String instanceId,
      String status,
      int retentionDays,
      Integer pendingRetentionDays,
      String window,
      boolean iamDatabaseAuthentication,
      List<String> otherPendingChanges) {
    this(
        instanceId,
        status,
        retentionDays,
        pendingRetentionDays,
        window,
        iamDatabaseAuthentication,
        otherPendingChanges,
        null,
        null);
  }

  public BackupSettings(
      String instanceId,
      String status,
      int retentionDays,
      Integer pendingRetentionDays,
      String window,
      boolean iamDatabaseAuthentication) {
    this(
        instanceId,
        status,
        retentionDays,
        pendingRetentionDays,
        window,
        iamDatabaseAuthentication,
        List.of());
  }

  /** The retention the instance is on or is moving to. */
  public int effectiveRetentionDays() {
    return pendingRetentionDays != null ? pendingRetentionDays : retentionDays;
  }

  /** These settings with the refusals of an apply attached. */
  public BackupSettings withRefused(Map<String, String> why) {
    return new BackupSettings(
        instanceId,
        status,
        retentionDays,
        pendingRetentionDays,
        window,
        iamDatabaseAuthentication,
        otherPendingChanges,
        maintenanceWindow,
        why);
  }
}
