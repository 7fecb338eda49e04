package dev.drrunbooks.activities.rds;

import java.util.List;

/**
 * What RDS reports of an instance's backup configuration. {@code pendingRetentionDays} is set when a
 * change was accepted but not yet applied (a change from or to 0 days waits for the maintenance
 * window); {@code otherPendingChanges} names the instance's other pending modifications (an instance
 * class change, a storage change), which the backup policy never applies, e.g.
 * {@code DBInstanceClass=db.r6g.large}: they happen at the next maintenance window, as before.
 */
public record BackupSettings(
    String instanceId,
    String status,
    int retentionDays,
    Integer pendingRetentionDays,
    String window,
    boolean iamDatabaseAuthentication,
    List<String> otherPendingChanges) {

  public BackupSettings(String instanceId, String status, int retentionDays, Integer pendingRetentionDays,
      String window, boolean iamDatabaseAuthentication) {
    this(instanceId, status, retentionDays, pendingRetentionDays, window, iamDatabaseAuthentication, List.of());
  }

  /** The retention the instance is on or is moving to. */
  public int effectiveRetentionDays() {
    return pendingRetentionDays != null ? pendingRetentionDays : retentionDays;
  }
}
