package dev.drrunbooks.pitr;

import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.model.Inputs;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore from backups (a deleted instance's, or replicated to another region) has no live instance to copy the
 * network and parameter group from, and RDS would otherwise use its default security group and parameter group
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html). So it is
 * refused before anything is created unless the run or the catalog gives them.
 */
final class RestorePlacementRequired {
  private RestorePlacementRequired() {}

  static void check(InstanceShape shape, String sourceName, String region) {
    List<String> missing = new ArrayList<>();
    if (shape.subnetGroup() == null) missing.add("dbSubnetGroup");
    if (shape.securityGroupIds().isEmpty()) missing.add("securityGroupIds");
    if (shape.parameterGroup() == null) missing.add("dbParameterGroup");
    if (missing.isEmpty()) return;
    throw Inputs.invalid(missing.get(0), null, "restoring " + sourceName + " in " + region + " has no live instance"
        + " to copy settings from: give " + String.join(", ", missing) + " in the input, or the catalog's"
        + " database.restore (primary region) or database.drRestore (DR region)");
  }
}
