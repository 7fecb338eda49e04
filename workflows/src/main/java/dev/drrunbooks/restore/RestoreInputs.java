package dev.drrunbooks.restore;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.ResourceNames;
import java.time.Duration;
import java.util.List;

/**
 * The defaults the restore procedures (point-in-time restore, snapshot restore, backup validation)
 * give their inputs. Pure; bad values fail as {@link Inputs} says, naming the field.
 */
public final class RestoreInputs {
  private RestoreInputs() {}

  /**
   * The restored instance's identifier: {@code targetInstance} when given (an RDS identifier), else
   * one derived from the workflow id and {@code suffix} (e.g. {@code pitr}).
   */
  public static String target(String targetInstance, String workflowId, String suffix) {
    return targetInstance == null || targetInstance.isBlank()
        ? ResourceNames.rds(workflowId, suffix)
        : Inputs.rdsIdentifier("targetInstance", targetInstance);
  }

  /** How long waiting may take in all: {@code waitBudget} (e.g. {@code 45m}), else the RTO. */
  public static Duration waitBudget(String waitBudget, ServiceDefinition service) {
    return Inputs.duration("waitBudget", waitBudget, service.spec().objectives().rto());
  }

  /** The data checks of the restored copy: those given, else the catalog's for the service. */
  public static List<ValidationQuery> queries(
      List<ValidationQuery> given, ServiceDefinition service) {
    return given != null ? given : service.spec().validationQueries();
  }
}
