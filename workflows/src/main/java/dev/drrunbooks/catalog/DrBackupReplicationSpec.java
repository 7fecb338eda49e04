package dev.drrunbooks.catalog;

/**
 * Automated backups replicated to the DR region, for point-in-time recovery there when the primary
 * region is gone (AWS: "Replicating automated backups to another AWS Region",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html).
 *
 * @param enabled true: replicate; false: the policy stops a replication it finds
 * @param retentionDays how long the replicated backups are kept in the DR region, 1 to 35 days
 * @param kmsKeyId ARN (key/..., not an alias: RDS reports the key ARN) of the KMS key in the DR
 *     region that encrypts the replicas; needed for an encrypted instance, none for an unencrypted
 *     one
 */
public record DrBackupReplicationSpec(Boolean enabled, Integer retentionDays, String kmsKeyId) {}
