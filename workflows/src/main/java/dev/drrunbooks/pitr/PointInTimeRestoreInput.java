package dev.drrunbooks.pitr;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.restore.RestoreRequest;
import java.util.List;

/**
 * {@code {"service": "inventory"}} restores Inventory's database to its latest restorable time.
 * Times are ISO-8601 UTC instants; {@code waitBudget} a duration (default: the service's RTO).
 *
 * @param sourceInstance overrides the catalog's instance of the service
 * @param restoreTime an instant, or "latest" (default)
 * @param targetInstance default derived from the workflow id
 * @param incidentTime when the incident began: achieved RTO and RPO are measured from it
 * @param keepOnFailure keep the restored instance for forensics when a later step fails
 * @param validationQueries override the catalog's queries for the service
 * @param dbSubnetGroup, securityGroupIds, dbParameterGroup, optionGroup where the restored instance
 *     goes; each defaults to the catalog's {@code database.restore} ({@code database.drRestore} in
 *     the DR region), then to the source instance's own; a restore without a live source (a deleted
 *     instance, another region) must have subnet group, security groups and parameter group from
 *     one of these
 * @param purpose "recovery" (default): the copy is kept and, once validated, gets its source's
 *     deletion protection and backup retention; "validation": a copy another run deletes, never
 *     protected
 * @param region primary (default), dr, or an AWS region name: a restore outside the service's
 *     primary region comes from the automated backups replicated there
 */
public record PointInTimeRestoreInput(
    String service,
    String sourceInstance,
    String restoreTime,
    String targetInstance,
    String incidentTime,
    String waitBudget,
    Boolean keepOnFailure,
    String instanceClass,
    List<ValidationQuery> validationQueries,
    String dbSubnetGroup,
    List<String> securityGroupIds,
    String dbParameterGroup,
    String optionGroup,
    String purpose,
    String region)
    implements RestoreRequest {

  @JsonCreator
  public PointInTimeRestoreInput {}

  /** Placed as the catalog or the source instance says. */
  public PointInTimeRestoreInput(
      String service,
      String sourceInstance,
      String restoreTime,
      String targetInstance,
      String incidentTime,
      String waitBudget,
      Boolean keepOnFailure,
      String instanceClass,
      List<ValidationQuery> validationQueries) {
    this(
        service,
        sourceInstance,
        restoreTime,
        targetInstance,
        incidentTime,
        waitBudget,
        keepOnFailure,
        instanceClass,
        validationQueries,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static PointInTimeRestoreInput latest(String service) {
    return new PointInTimeRestoreInput(service, null, null, null, null, null, null, null, null);
  }
}
