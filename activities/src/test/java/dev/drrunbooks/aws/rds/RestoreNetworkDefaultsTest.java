package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.aws.ScriptedSdkClient;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.InvocationHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.OptionGroupMembership;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeResponse;
import software.amazon.awssdk.services.rds.model.Tag;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * Issue 10, finding 3: where a restored instance lands. The scripted RDS client models the
 * documented defaults of RestoreDBInstanceToPointInTime and RestoreDBInstanceFromDBSnapshot
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html):
 * nothing is copied from the source; without VpcSecurityGroupIds the instance gets "the default EC2
 * VPC security group for the DB subnet group's VPC", without DBParameterGroupName "the default
 * DBParameterGroup for the specified DB engine", without OptionGroupName the engine's default
 * option group, without MultiAZ a single-AZ instance, and without DBSubnetGroupName the default
 * VPC's subnet group. moto instead may copy the source's security group, so it would not show a
 * restore landing in the default one. The real {@link RdsRestoreActivitiesImpl} is driven.
 */
class RestoreNetworkDefaultsTest {
  private static final String REGION = "eu-west-1";
  private static final String SOURCE = "mycomputer-inventory-db";
  private static final String APP_SG = "sg-0a1b2c3d4e5f60718";
  private static final String DEFAULT_SG = "sg-0000000000default";
  private static final Instant POINT = Instant.parse("2024-01-15T03:30:00Z");

  private final Map<String, DBInstance> instances = new HashMap<>();
  private final List<Object> restoreRequests = new ArrayList<>();
  private final RdsRestoreActivitiesImpl activities =
      new RdsRestoreActivitiesImpl(region -> scriptedRds(), Polling.DEFAULT);
  private final Ownership owner = new Ownership("pitr-inventory-x", "run-1", "pitr");

  RestoreNetworkDefaultsTest() {
    instances.put(
        SOURCE,
        DBInstance.builder()
            .dbInstanceIdentifier(SOURCE)
            .dbInstanceStatus("available")
            .dbSubnetGroup(
                DBSubnetGroup.builder().dbSubnetGroupName("inventory-db-subnets").build())
            .vpcSecurityGroups(
                VpcSecurityGroupMembership.builder()
                    .vpcSecurityGroupId(APP_SG)
                    .status("active")
                    .build())
            .dbParameterGroups(
                DBParameterGroupStatus.builder().dbParameterGroupName("inventory-pg15").build())
            .optionGroupMemberships(
                OptionGroupMembership.builder().optionGroupName("inventory-og15").build())
            .multiAZ(true)
            .tagList(List.of())
            .build());
  }

  @Test
  void thePitrRequestCarriesTheSourcesSubnetGroupSecurityGroupsAndParameterAndOptionGroups() {
    activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(
            REGION, SOURCE, "pitr-x", POINT, InstanceShape.asSource(), owner));

    RestoreDbInstanceToPointInTimeRequest sent =
        (RestoreDbInstanceToPointInTimeRequest) restoreRequests.get(0);
    assertEquals("inventory-db-subnets", sent.dbSubnetGroupName());
    assertEquals(List.of(APP_SG), sent.vpcSecurityGroupIds());
    assertEquals("inventory-pg15", sent.dbParameterGroupName());
    assertEquals("inventory-og15", sent.optionGroupName());
    assertEquals(true, sent.multiAZ(), "a recovery replaces production: as the source");
    assertEquals(
        "subnet group inventory-db-subnets, security groups ["
            + APP_SG
            + "], parameter group inventory-pg15,"
            + " option group inventory-og15, Multi-AZ",
        activities.verifyPlacement(
            new PlacementCheck(REGION, "pitr-x", SOURCE, InstanceShape.asSource())));
  }

  @Test
  void aRestoreThatLandedInTheDefaultSecurityGroupIsReportedNamingTheFields() {
    // As the code before this fix restored: no settings sent, so AWS's defaults apply.
    scriptedRds()
        .restoreDBInstanceToPointInTime(
            r ->
                r.sourceDBInstanceIdentifier(SOURCE)
                    .targetDBInstanceIdentifier("pitr-x")
                    .restoreTime(POINT));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.verifyPlacement(
                    new PlacementCheck(REGION, "pitr-x", SOURCE, InstanceShape.asSource())));

    assertTrue(e.isNonRetryable());
    assertEquals("RestorePlacementMismatch", e.getType());
    assertEquals(
        "RDS instance 'pitr-x' in eu-west-1 is not where the restore intended: DB subnet group:"
            + " intended inventory-db-subnets, found default; VPC security groups: intended ["
            + APP_SG
            + "], found ["
            + DEFAULT_SG
            + "]; DB parameter group: intended inventory-pg15, found default.postgres15; option"
            + " group: intended inventory-og15, found default:postgres-15; Multi-AZ: intended true,"
            + " found false",
        e.getOriginalMessage());
  }

  @Test
  void theCatalogsSettingsWinOverTheSources() {
    InstanceShape catalog =
        new InstanceShape(
            null, "restore-subnets", List.of("sg-0ffffffffffffffff"), "restore-pg15", null, null);

    activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(REGION, SOURCE, "pitr-x", POINT, catalog, owner));

    RestoreDbInstanceToPointInTimeRequest sent =
        (RestoreDbInstanceToPointInTimeRequest) restoreRequests.get(0);
    assertEquals("restore-subnets", sent.dbSubnetGroupName());
    assertEquals(List.of("sg-0ffffffffffffffff"), sent.vpcSecurityGroupIds());
    assertEquals("restore-pg15", sent.dbParameterGroupName());
    assertEquals("inventory-og15", sent.optionGroupName(), "not in the catalog: the source's");
    activities.verifyPlacement(new PlacementCheck(REGION, "pitr-x", SOURCE, catalog));
  }

  @Test
  void aValidationCopyOfAMultiAzSourceIsSingleAz() {
    InstanceShape validationCopy = InstanceShape.asSource().singleAz();

    activities.restoreFromSnapshot(
        new SnapshotRestoreRequest(
            REGION, snapshotOf(SOURCE), "validation-x", validationCopy, owner));

    RestoreDbInstanceFromDbSnapshotRequest sent =
        (RestoreDbInstanceFromDbSnapshotRequest) restoreRequests.get(0);
    assertEquals(false, sent.multiAZ());
    assertEquals(List.of(APP_SG), sent.vpcSecurityGroupIds(), "the snapshot's instance's network");
    assertTrue(
        activities
            .verifyPlacement(new PlacementCheck(REGION, "validation-x", SOURCE, validationCopy))
            .endsWith("single-AZ"));
  }

  @Test
  void aSnapshotOfADeletedInstanceNeedsTheSettingsFromTheCatalogOrTheRunAndSaysWhichAreMissing() {
    SnapshotInfo orphan = snapshotOf("mycomputer-inventory-db-old");

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.restoreFromSnapshot(
                    new SnapshotRestoreRequest(
                        REGION,
                        orphan,
                        "restored-x",
                        new InstanceShape(null, "inventory-db-subnets", List.of()),
                        owner)));

    assertEquals("RestorePlacementMissing", e.getType());
    assertEquals(
        "source RDS instance 'mycomputer-inventory-db-old' does not exist in eu-west-1, so its"
            + " network and parameter settings cannot be copied; give securityGroupIds,"
            + " parameterGroup in the catalog (services.<service>.database.restore, or"
            + " database.drRestore for the DR region) or the run's input, or RDS would use its"
            + " default security group and parameter group",
        e.getOriginalMessage());
    assertEquals(List.of(), restoreRequests, "nothing restored into the default network");

    InstanceShape catalog =
        new InstanceShape(
            null, "inventory-db-subnets", List.of(APP_SG), "inventory-pg15", null, null);
    activities.restoreFromSnapshot(
        new SnapshotRestoreRequest(REGION, orphan, "restored-x", catalog, owner));
    RestoreDbInstanceFromDbSnapshotRequest sent =
        (RestoreDbInstanceFromDbSnapshotRequest) restoreRequests.get(0);
    assertEquals(List.of(APP_SG), sent.vpcSecurityGroupIds());
    assertNull(sent.optionGroupName(), "not given and nothing to copy: RDS's default");
    activities.verifyPlacement(
        new PlacementCheck(REGION, "restored-x", orphan.instanceId(), catalog));
  }

  private static SnapshotInfo snapshotOf(String instanceId) {
    return new SnapshotInfo(
        "inventory-snapshot-1",
        "arn:aws:rds:eu-west-1:123456789012:snapshot:inventory-snapshot-1",
        REGION,
        instanceId,
        "manual",
        "available",
        POINT,
        false,
        null);
  }

  /**
   * An instance as RDS creates it from a restore request: what was sent, RDS's defaults for the
   * rest.
   */
  private DBInstance restored(
      String id,
      String subnetGroup,
      List<String> groups,
      String parameterGroup,
      String optionGroup,
      Boolean multiAz,
      List<Tag> tags) {
    return DBInstance.builder()
        .dbInstanceIdentifier(id)
        .dbInstanceStatus("creating")
        .dbInstanceArn("arn:aws:rds:eu-west-1:123456789012:db:" + id)
        .dbSubnetGroup(
            DBSubnetGroup.builder()
                .dbSubnetGroupName(subnetGroup == null ? "default" : subnetGroup)
                .build())
        .vpcSecurityGroups(
            (groups == null || groups.isEmpty() ? List.of(DEFAULT_SG) : groups)
                .stream()
                    .map(
                        g ->
                            VpcSecurityGroupMembership.builder()
                                .vpcSecurityGroupId(g)
                                .status("active")
                                .build())
                    .toList())
        .dbParameterGroups(
            DBParameterGroupStatus.builder()
                .dbParameterGroupName(
                    parameterGroup == null ? "default.postgres15" : parameterGroup)
                .build())
        .optionGroupMemberships(
            OptionGroupMembership.builder()
                .optionGroupName(optionGroup == null ? "default:postgres-15" : optionGroup)
                .build())
        .multiAZ(Boolean.TRUE.equals(multiAz))
        .tagList(tags == null ? List.of() : tags)
        .build();
  }

  /** describe-db-instances, and both restores; anything else is not scripted. */
  private RdsClient scriptedRds() {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object arg = args == null || args.length == 0 ? null : args[0];
          if (arg instanceof DescribeDbInstancesRequest r) {
            DBInstance db = instances.get(r.dbInstanceIdentifier());
            if (db == null) {
              throw DbInstanceNotFoundException.builder()
                  .statusCode(404)
                  .message("DBInstance " + r.dbInstanceIdentifier() + " not found.")
                  .build();
            }
            return DescribeDbInstancesResponse.builder().dbInstances(db).build();
          }
          if (arg instanceof RestoreDbInstanceToPointInTimeRequest r) {
            restoreRequests.add(r);
            DBInstance db =
                restored(
                    r.targetDBInstanceIdentifier(),
                    r.dbSubnetGroupName(),
                    r.vpcSecurityGroupIds(),
                    r.dbParameterGroupName(),
                    r.optionGroupName(),
                    r.multiAZ(),
                    r.tags());
            instances.put(db.dbInstanceIdentifier(), db);
            return RestoreDbInstanceToPointInTimeResponse.builder().dbInstance(db).build();
          }
          if (arg instanceof RestoreDbInstanceFromDbSnapshotRequest r) {
            restoreRequests.add(r);
            DBInstance db =
                restored(
                    r.dbInstanceIdentifier(),
                    r.dbSubnetGroupName(),
                    r.vpcSecurityGroupIds(),
                    r.dbParameterGroupName(),
                    r.optionGroupName(),
                    r.multiAZ(),
                    r.tags());
            instances.put(db.dbInstanceIdentifier(), db);
            return RestoreDbInstanceFromDbSnapshotResponse.builder().dbInstance(db).build();
          }
          return ScriptedSdkClient.NOT_SCRIPTED;
        };
    return ScriptedSdkClient.of(RdsClient.class, "rds", handler);
  }
}
