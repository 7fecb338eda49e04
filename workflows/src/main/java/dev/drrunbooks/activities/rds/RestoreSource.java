package dev.drrunbooks.activities.rds;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a point-in-time restore comes from: the live instance, the retained automated backup of a
 * deleted instance (by its DbiResourceId, in the instance's region), or automated backups
 * replicated to another region (by their DBInstanceAutomatedBackupsArn, restored in that region).
 * See
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html
 * (SourceDBInstanceIdentifier, SourceDbiResourceId, SourceDBInstanceAutomatedBackupsArn).
 *
 * @param region where the restore runs (the backups' region)
 * @param instanceId the source instance's name (the catalog's), deleted or not
 * @param kind {@link #INSTANCE}, {@link #RETAINED_BACKUP} or {@link #REPLICATED_BACKUP}
 * @param dbiResourceId the source instance's resource id (db-...), when known
 * @param automatedBackupArn the automated backups' ARN
 *     (arn:aws:rds:REGION:ACCOUNT:auto-backup:ab-...), when known
 * @param sourceRegion the region the source instance lives (or lived) in
 * @param window the restorable window of this source
 * @param description how the result names the source, e.g. "retained automated backup of deleted
 *     instance X (resource id db-...)"
 */
public record RestoreSource(
    String region,
    String instanceId,
    String kind,
    String dbiResourceId,
    String automatedBackupArn,
    String sourceRegion,
    RestorableWindow window,
    String description) {

  public static final String INSTANCE = "instance";
  public static final String RETAINED_BACKUP = "retained-automated-backup";
  public static final String REPLICATED_BACKUP = "replicated-automated-backup";

  @JsonIgnore
  public boolean isInstance() {
    return INSTANCE.equals(kind);
  }
}
