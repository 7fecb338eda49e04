package dev.drrunbooks.pitr;

import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore from backups (a deleted instance's, or replicated to another region) has no live
 * instance to copy the network and parameter group from, and RDS would otherwise use its default
 * security group and parameter group
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html).
 * So it is refused before anything is created unless the run or the catalog gives them.
 */
final class RestorePlacementRequired {
  private RestorePlacementRequired() {}

  static void check(InstanceShape shape, String sourceName, String region) {
    List<String> missing = new ArrayList<>();
    if (shape.subnetGroup() == null) missing.add("dbSubnetGroup");
    if (shape.securityGroupIds().isEmpty()) missing.add("securityGroupIds");
    if (shape.parameterGroup() == null) missing.add("dbParameterGroup");
    if (missing.isEmpty()) return;
    throw ApplicationFailure.newNonRetryableFailure(
        String.join(", ", missing)
            + (missing.size() == 1 ? " is" : " are")
            + " required: restoring "
            + sourceName
            + " in "
            + region
            + " has no live instance to copy the network and"
            + " parameter group from (RDS would use its defaults); give "
            + String.join(", ", flags(missing))
            + " (input: "
            + String.join(", ", missing)
            + "), or set the catalog's database.restore (primary region) or"
            + " database.drRestore (DR region)",
        FailureType.INVALID_INPUT.type());
  }

  private static List<String> flags(List<String> fields) {
    return fields.stream()
        .map(
            f ->
                switch (f) {
                  case "dbSubnetGroup" -> "--subnet-group";
                  case "securityGroupIds" -> "--security-group-ids";
                  default -> "--parameter-group";
                })
        .toList();
  }
}
