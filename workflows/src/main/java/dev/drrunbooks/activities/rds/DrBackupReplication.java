package dev.drrunbooks.activities.rds;

/**
 * An instance's automated backups as replicated to another region, as RDS reports them there
 * (DescribeDBInstanceAutomatedBackups in the destination region).
 *
 * @param destinationRegion where the replicas are, e.g. eu-central-1
 * @param status RDS's status of the replicated backups, e.g. pending or replicating
 * @param retentionDays how long the replicas are kept, in days
 * @param kmsKeyId the KMS key ARN encrypting the replicas; null when not encrypted
 * @param automatedBackupsArn the replicated backups' ARN
 *     (arn:aws:rds:REGION:ACCOUNT:auto-backup:ab-...)
 */
public record DrBackupReplication(
    String destinationRegion,
    String status,
    Integer retentionDays,
    String kmsKeyId,
    String automatedBackupsArn) {

  /**
   * "replicating to eu-central-1, 7 days, key arn:aws:kms:..." — the form the backup policy
   * compares.
   */
  public static String describe(String region, Integer retentionDays, String kmsKeyId) {
    return "replicating to "
        + region
        + ", "
        + retentionDays
        + " days, key "
        + (kmsKeyId == null ? "none" : kmsKeyId);
  }

  /** "not replicated to eu-central-1". */
  public static String absent(String region) {
    return "not replicated to " + region;
  }

  public String describe() {
    return describe(destinationRegion, retentionDays, kmsKeyId);
  }
}
