package dev.drrunbooks.catalog;

/**
 * The runbook's backup policy for an RDS instance: retention (days), preferred window
 * (hh24:mi-hh24:mi, UTC), IAM auth and, optionally, replication of its automated backups to the
 * catalog's DR region ({@code drReplication}; none: the policy does not look at cross-region
 * replication).
 */
public record BackupSpec(
    Integer retentionDays,
    String window,
    Boolean iamDatabaseAuthentication,
    DrBackupReplicationSpec drReplication) {

  public BackupSpec(Integer retentionDays, String window, Boolean iamDatabaseAuthentication) {
    this(retentionDays, window, iamDatabaseAuthentication, null);
  }
}
