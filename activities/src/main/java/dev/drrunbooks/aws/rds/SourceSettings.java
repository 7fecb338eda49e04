package dev.drrunbooks.aws.rds;

import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;

/**
 * The settings of a restore's source that its copy should keep. A null field is unknown (not
 * described by what the settings were read from) and is then neither sent nor compared as a
 * difference of the copy.
 *
 * @param iamDatabaseAuthentication IAMDatabaseAuthenticationEnabled
 * @param maxAllocatedStorageGib MaxAllocatedStorage, the storage autoscaling limit in GiB; 0 when
 *     autoscaling is off
 * @param copyTagsToSnapshot CopyTagsToSnapshot
 * @param backupRetentionDays BackupRetentionPeriod in days
 * @param deletionProtection DeletionProtection
 * @param readFrom what they were read from, e.g. "RDS instance mycomputer-inventory-db", or why
 *     they are unknown
 */
public record SourceSettings(
    Boolean iamDatabaseAuthentication,
    Integer maxAllocatedStorageGib,
    Boolean copyTagsToSnapshot,
    Integer backupRetentionDays,
    Boolean deletionProtection,
    String readFrom) {

  /**
   * An existing instance: everything is known; a missing MaxAllocatedStorage means autoscaling is
   * off (0).
   */
  public static SourceSettings of(DBInstance db) {
    return new SourceSettings(
        Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled()),
        db.maxAllocatedStorage() == null ? 0 : db.maxAllocatedStorage(),
        Boolean.TRUE.equals(db.copyTagsToSnapshot()),
        db.backupRetentionPeriod(),
        Boolean.TRUE.equals(db.deletionProtection()),
        "RDS instance " + db.dbInstanceIdentifier());
  }

  /** The instance's settings when it exists, else unknown for {@code whyNot}. */
  public static SourceSettings of(Optional<DBInstance> db, String whyNot) {
    return db.map(SourceSettings::of).orElseGet(() -> unknown(whyNot));
  }

  /**
   * A retained automated backup of a deleted instance: it describes IAM database authentication and
   * backup retention only (DBInstanceAutomatedBackup,
   * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html).
   */
  public static SourceSettings of(DBInstanceAutomatedBackup backup) {
    return new SourceSettings(
        backup.iamDatabaseAuthenticationEnabled(),
        null,
        null,
        backup.backupRetentionPeriod(),
        null,
        "automated backup of " + backup.dbInstanceIdentifier());
  }

  /** Nothing known, and why (e.g. "the snapshot's instance no longer exists"). */
  public static SourceSettings unknown(String why) {
    return new SourceSettings(null, null, null, null, null, why);
  }
}
