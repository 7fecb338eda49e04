package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.InstanceShape;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.OptionGroupMembership;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * Where a restored instance goes and whether it got there. RestoreDBInstanceToPointInTime and
 * RestoreDBInstanceFromDBSnapshot do not copy the source's network or parameters: without
 * VpcSecurityGroupIds the instance gets "the default EC2 VPC security group for the DB subnet
 * group's VPC", without DBParameterGroupName "the default DBParameterGroup for the specified DB
 * engine"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
 * So every restore sends them: the request's where it has them, the source instance's elsewhere.
 */
final class RestorePlacement {
  private RestorePlacement() {}

  /**
   * Sets on a restore request (either restore call's builder) every setting the intended placement
   * has, by the API's parameter names (DBInstanceClass, DBSubnetGroupName, VpcSecurityGroupIds,
   * DBParameterGroupName, OptionGroupName, MultiAZ: both calls take all six); an unset one is left
   * to RDS, there was nothing to copy. Through the SDK's own field metadata because the two
   * builders share no interface.
   *
   * @throws IllegalStateException when the request has no such parameter (an SDK that renamed one)
   */
  static void request(InstanceShape shape, SdkPojo call) {
    Map<String, SdkField<?>> fields =
        call.sdkFields().stream().collect(Collectors.toMap(SdkField::memberName, f -> f));
    set(fields, call, "DBInstanceClass", shape.instanceClass());
    set(fields, call, "DBSubnetGroupName", shape.subnetGroup());
    if (!shape.securityGroupIds().isEmpty())
      set(fields, call, "VpcSecurityGroupIds", shape.securityGroupIds());
    set(fields, call, "DBParameterGroupName", shape.parameterGroup());
    set(fields, call, "OptionGroupName", shape.optionGroup());
    set(fields, call, "MultiAZ", shape.multiAz());
  }

  private static void set(
      Map<String, SdkField<?>> fields, SdkPojo call, String parameter, Object value) {
    if (value == null) return;
    SdkField<?> field = fields.get(parameter);
    if (field == null)
      throw new IllegalStateException(call.getClass().getName() + " has no " + parameter);
    field.set(call, value);
  }

  /** The placement of an instance as described (its class is not part of it). */
  static InstanceShape of(DBInstance db) {
    String subnetGroup = db.dbSubnetGroup() == null ? null : db.dbSubnetGroup().dbSubnetGroupName();
    List<String> groups =
        db.hasVpcSecurityGroups()
            ? db.vpcSecurityGroups().stream()
                .map(VpcSecurityGroupMembership::vpcSecurityGroupId)
                .toList()
            : List.of();
    String parameterGroup =
        db.hasDbParameterGroups()
            ? db.dbParameterGroups().stream()
                .map(DBParameterGroupStatus::dbParameterGroupName)
                .findFirst()
                .orElse(null)
            : null;
    String optionGroup =
        db.hasOptionGroupMemberships()
            ? db.optionGroupMemberships().stream()
                .map(OptionGroupMembership::optionGroupName)
                .findFirst()
                .orElse(null)
            : null;
    return new InstanceShape(null, subnetGroup, groups, parameterGroup, optionGroup, db.multiAZ());
  }

  /**
   * What to send: {@code requested} over the source's placement. Without a source (a snapshot whose
   * instance was deleted, or one copied to another region) the request must name the network and
   * the parameter group, or the restore would silently land in RDS's defaults: refused
   * non-retryably, naming what is missing.
   */
  static InstanceShape intended(
      InstanceShape requested, Optional<DBInstance> source, String sourceId, String region) {
    InstanceShape asked = requested == null ? InstanceShape.asSource() : requested;
    if (source.isPresent()) return asked.over(withoutDefaultGroups(of(source.get())));
    List<String> missing = new ArrayList<>();
    if (asked.subnetGroup() == null) missing.add("subnetGroup");
    if (asked.securityGroupIds().isEmpty()) missing.add("securityGroupIds");
    if (asked.parameterGroup() == null) missing.add("parameterGroup");
    if (!missing.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "source RDS instance '"
              + sourceId
              + "' does not exist in "
              + region
              + ", so its network and parameter settings cannot be copied; give "
              + String.join(", ", missing)
              + " in the catalog (services.<service>.database.restore, or database.drRestore for"
              + " the DR region) or the run's input, or RDS would use its default security group"
              + " and parameter group",
          "RestorePlacementMissing");
    }
    return asked;
  }

  /**
   * A source on RDS's default parameter or option group needs nothing sent: the restore gets its
   * engine version's default anyway, and the source's default names the source's engine version
   * (moto even reports a default option group it then refuses by name).
   */
  static InstanceShape withoutDefaultGroups(InstanceShape p) {
    return new InstanceShape(
        p.instanceClass(),
        p.subnetGroup(),
        p.securityGroupIds(),
        isDefault(p.parameterGroup()) ? null : p.parameterGroup(),
        isDefault(p.optionGroup()) ? null : p.optionGroup(),
        p.multiAz());
  }

  private static boolean isDefault(String group) {
    return group != null && (group.startsWith("default.") || group.startsWith("default:"));
  }

  /**
   * Each field the instance has other than intended ("security groups: intended [...], found
   * [...]").
   */
  static List<String> differences(InstanceShape intended, InstanceShape found) {
    List<String> out = new ArrayList<>();
    differ(out, "DB subnet group", intended.subnetGroup(), found.subnetGroup());
    if (!intended.securityGroupIds().isEmpty()
        && !new HashSet<>(intended.securityGroupIds())
            .equals(new HashSet<>(found.securityGroupIds()))) {
      out.add(
          "VPC security groups: intended "
              + intended.securityGroupIds()
              + ", found "
              + found.securityGroupIds());
    }
    differ(out, "DB parameter group", intended.parameterGroup(), found.parameterGroup());
    differ(out, "option group", intended.optionGroup(), found.optionGroup());
    if (intended.multiAz() != null
        && !intended.multiAz().equals(Boolean.TRUE.equals(found.multiAz()))) {
      out.add("Multi-AZ: intended " + intended.multiAz() + ", found " + found.multiAz());
    }
    return out;
  }

  /** One line: subnet group, security groups, parameter and option group, Multi-AZ. */
  static String describe(InstanceShape p) {
    return "subnet group "
        + orNone(p.subnetGroup())
        + ", security groups "
        + p.securityGroupIds()
        + ", parameter group "
        + orNone(p.parameterGroup())
        + ", option group "
        + orNone(p.optionGroup())
        + ", "
        + (Boolean.TRUE.equals(p.multiAz()) ? "Multi-AZ" : "single-AZ");
  }

  /**
   * RDS's own default when a restore names none (the default VPC's subnets, the engine's default
   * groups).
   */
  private static String orNone(String group) {
    return group == null ? "(RDS default)" : group;
  }

  private static void differ(List<String> out, String field, String intended, String found) {
    if (intended != null && !intended.equals(found)) {
      out.add(field + ": intended " + intended + ", found " + found);
    }
  }
}
