package dev.drrunbooks.activities.rds;

/**
 * What RDS reports of an instance's backup configuration. {@code pendingRetentionDays} is set when a
 * change was accepted but not yet applied.
 */
public record BackupSettings(
    String instanceId,
    String status,
    int retentionDays,
    Integer pendingRetentionDays,
    String window,
    boolean iamDatabaseAuthentication) {

  /** The retention the instance is on or is moving to. */
  public int effectiveRetentionDays() {
    return pendingRetentionDays != null ? pendingRetentionDays : retentionDays;
  }
}
