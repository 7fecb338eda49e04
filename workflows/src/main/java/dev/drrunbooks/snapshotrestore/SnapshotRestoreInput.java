package dev.drrunbooks.snapshotrestore;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.restore.RestoreRequest;
import java.util.List;

/**
 * {@code {"service": "inventory"}} restores the newest snapshot of Inventory's instance in the
 * primary region; {@code "copyToDrRegion": true} copies it to the DR region first and restores
 * there.
 *
 * @param snapshot a snapshot id or ARN, or "latest" (default): the newest available snapshot of the
 *     instance
 * @param kmsKeyId the DR region's KMS key for copying an encrypted snapshot
 * @param incidentTime when the incident began (ISO-8601): RTO and RPO are measured from it
 * @param waitBudget how long waiting may take in all (default: the service's RTO)
 * @param dbSubnetGroup and {@code securityGroupIds}: where the restored instance goes (a drill's
 *     test environment); default as the snapshot's source
 * @param allowOtherSource true restores a named snapshot of another DB instance than the service's
 *     (default: refused)
 * @param dbParameterGroup and {@code optionGroup}: default the catalog's {@code database.restore},
 *     then the snapshot's source instance's
 * @param multiAz false for a validation copy (a drill's); default as the source instance
 * @param purpose "recovery" (default): the copy is kept and, once validated, gets its source's
 *     deletion protection and backup retention; "validation": a copy another run deletes (a
 *     drill's), never protected
 */
public record SnapshotRestoreInput(
    String service,
    String snapshot,
    Boolean copyToDrRegion,
    String kmsKeyId,
    String targetInstance,
    String incidentTime,
    String waitBudget,
    Boolean keepOnFailure,
    String instanceClass,
    List<ValidationQuery> validationQueries,
    String dbSubnetGroup,
    List<String> securityGroupIds,
    Boolean allowOtherSource,
    String dbParameterGroup,
    String optionGroup,
    Boolean multiAz,
    String purpose)
    implements RestoreRequest {

  @JsonCreator
  public SnapshotRestoreInput {}

  /**
   * A drill's copy: the newest snapshot, single-AZ, placed in the drill's test environment, deleted
   * by the drill (purpose validation: never protected), nothing kept when the restore fails.
   *
   * @param waitBudget e.g. {@code 1740s}: what is left of the drill's RTO budget
   */
  public static SnapshotRestoreInput validationCopy(
      String service,
      String targetInstance,
      String waitBudget,
      String dbSubnetGroup,
      List<String> securityGroupIds) {
    return new SnapshotRestoreInput(
        service,
        "latest",
        false,
        null,
        targetInstance,
        null,
        waitBudget,
        false,
        null,
        null,
        dbSubnetGroup,
        securityGroupIds,
        null,
        null,
        null,
        false,
        CopyPurpose.VALIDATION.inputValue());
  }

  public static SnapshotRestoreInput latest(String service) {
    return new SnapshotRestoreInput(
        service, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }
}
