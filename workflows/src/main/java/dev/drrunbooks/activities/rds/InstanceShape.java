package dev.drrunbooks.activities.rds;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * Where and how big a restored instance is: class, DB subnet group, VPC security group ids, DB
 * parameter group, option group, Multi-AZ. Every field optional: null (or no security groups) takes
 * the source instance's setting (see the restore activities). A restore that sends none of them
 * gets RDS's defaults, not the source's: the default VPC security group and the engine's default
 * parameter group
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
 *
 * @param multiAz false for a validation copy (backup validation, drill); null as the source
 */
public record InstanceShape(
    String instanceClass,
    String subnetGroup,
    List<String> securityGroupIds,
    String parameterGroup,
    String optionGroup,
    Boolean multiAz) {

  public static InstanceShape asSource() {
    return new InstanceShape(null, null, List.of());
  }

  /**
   * Class and network only, the rest as the source (runs recorded before the other fields existed).
   */
  public InstanceShape(String instanceClass, String subnetGroup, List<String> securityGroupIds) {
    this(instanceClass, subnetGroup, securityGroupIds, null, null, null);
  }

  @JsonCreator
  public InstanceShape {
    instanceClass = blankToNull(instanceClass);
    subnetGroup = blankToNull(subnetGroup);
    securityGroupIds =
        securityGroupIds == null
            ? List.of()
            : securityGroupIds.stream()
                .filter(g -> g != null && !g.isBlank())
                .map(String::trim)
                .toList();
    parameterGroup = blankToNull(parameterGroup);
    optionGroup = blankToNull(optionGroup);
  }

  /** This shape's settings where it has them, {@code base}'s elsewhere. */
  public InstanceShape over(InstanceShape base) {
    if (base == null) return this;
    return new InstanceShape(
        instanceClass != null ? instanceClass : base.instanceClass(),
        subnetGroup != null ? subnetGroup : base.subnetGroup(),
        !securityGroupIds.isEmpty() ? securityGroupIds : base.securityGroupIds(),
        parameterGroup != null ? parameterGroup : base.parameterGroup(),
        optionGroup != null ? optionGroup : base.optionGroup(),
        multiAz != null ? multiAz : base.multiAz());
  }

  /** The same shape as a single-AZ copy: backup validation and drills never need a standby. */
  public InstanceShape singleAz() {
    return new InstanceShape(
        instanceClass, subnetGroup, securityGroupIds, parameterGroup, optionGroup, false);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
