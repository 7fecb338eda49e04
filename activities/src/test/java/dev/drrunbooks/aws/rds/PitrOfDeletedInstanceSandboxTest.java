package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;

/**
 * Issue 11, finding 1, against the sandbox's emulator: someone deleted locations' database, keeping
 * its automated backups; the instance is restored, by the name the catalog knows, to the time
 * asked. Needs the sandbox's moto additions (deploy/local/moto_server_additions.py: unique
 * DbiResourceId, retained automated backups with their window, restores by SourceDbiResourceId),
 * each modelling documented AWS behaviour. The instance is a stand-in for mycomputer-locations-db
 * with a unique name, in a network of its own, so the seeded world is left alone.
 */
class PitrOfDeletedInstanceSandboxTest {
  private static final String REGION = "eu-west-1";

  /**
   * A VPC with two subnets, a DB subnet group and a security group: where locations' instance
   * lives.
   */
  private static final String NETWORK =
      """
      {"Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.42.0.0/16"}},
        "SubnetA": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.42.1.0/24",
          "AvailabilityZone": "eu-west-1a"}},
        "SubnetB": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.42.2.0/24",
          "AvailabilityZone": "eu-west-1b"}},
        "Subnets": {"Type": "AWS::RDS::DBSubnetGroup", "Properties": {"DBSubnetGroupDescription": "locations",
          "DBSubnetGroupName": {"Ref": "AWS::StackName"},
          "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]}},
        "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "locations",
          "VpcId": {"Ref": "Vpc"}}}},
       "Outputs": {"Sg": {"Value": {"Fn::GetAtt": ["Sg", "GroupId"]}}}}
      """;

  private AwsClients aws;
  private RdsClient rds;
  private CloudFormationClient cf;
  private RdsRestoreActivitiesImpl activities;
  private final String stack = SandboxAws.uniqueName("dr-test-locations-network");
  private final String locations = SandboxAws.uniqueName("locations-db");
  private final String target = SandboxAws.uniqueName("pitr-locations");
  private final Ownership owner =
      new Ownership(SandboxAws.uniqueName("pitr-locations-test"), "pitr");
  private InstanceShape placement;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    rds = aws.rds(REGION);
    cf = aws.cloudFormation(REGION);
    activities =
        new RdsRestoreActivitiesImpl(
            aws, new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
    cf.createStack(r -> r.stackName(stack).templateBody(NETWORK));
    Map<String, String> out =
        cf.describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs().stream()
            .collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    // The subnet group is named after the stack (moto's Ref of a DB subnet group is not its name).
    placement =
        new InstanceShape(null, stack, List.of(out.get("Sg")), "default.postgres15", null, null);
  }

  @AfterEach
  void cleanUp() {
    for (String id : List.of(locations, target)) {
      try {
        rds.deleteDBInstance(
            r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(true).deleteAutomatedBackups(true));
      } catch (DbInstanceNotFoundException alreadyGone) {
        // the test deleted it
      }
    }
    try {
      rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(locations + "-final"));
    } catch (DbSnapshotNotFoundException none) {
      // the test made none
    }
    cf.deleteStack(r -> r.stackName(stack));
    aws.close();
  }

  @Test
  void aDeletedLocationsDatabaseIsRestoredToTheAskedTime() {
    DBInstance before =
        rds.createDBInstance(
                r ->
                    r.dbInstanceIdentifier(locations)
                        .engine("postgres")
                        .engineVersion("15.4")
                        .dbInstanceClass("db.t3.micro")
                        .allocatedStorage(37)
                        .masterUsername("locations")
                        .masterUserPassword("not-a-secret-1")
                        .backupRetentionPeriod(14)
                        .dbSubnetGroupName(placement.subnetGroup())
                        .vpcSecurityGroupIds(placement.securityGroupIds()))
            .dbInstance();
    assertEquals(
        RestoreSource.INSTANCE,
        activities
            .findRestoreSource(new RestoreSourceQuery(REGION, locations, REGION, null), false)
            .kind(),
        "live: the instance itself");

    // Someone deleted the production database; RDS kept its automated backups.
    rds.deleteDBInstance(
        r ->
            r.dbInstanceIdentifier(locations)
                .skipFinalSnapshot(false)
                .finalDBSnapshotIdentifier(locations + "-final")
                .deleteAutomatedBackups(false));
    List<String> snapshots =
        new RdsSnapshotActivitiesImpl(aws)
            .listSnapshots(REGION, locations).stream()
                .map(s -> s.type() + " " + s.snapshotId())
                .toList();
    assertTrue(
        snapshots.contains("manual " + locations + "-final"), "its final snapshot: " + snapshots);
    assertTrue(
        snapshots.stream().anyMatch(s -> s.startsWith("automated rds:" + locations)),
        "the automated snapshots kept with its retained backups: " + snapshots);
    Instant asked = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);

    RestoreSource source =
        activities.findRestoreSource(
            new RestoreSourceQuery(REGION, locations, REGION, asked), false);

    assertEquals(RestoreSource.RETAINED_BACKUP, source.kind());
    assertEquals(
        before.dbiResourceId(), source.dbiResourceId(), "the deleted instance's own resource id");
    assertTrue(source.window().contains(asked), source.window().toString());
    assertEquals(
        "retained automated backup of deleted instance "
            + locations
            + " (resource id "
            + before.dbiResourceId()
            + ")",
        source.description());

    activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(REGION, locations, target, asked, placement, owner, source));
    InstanceInfo ready = activities.describeInstance(REGION, target); // moto: available at once

    assertEquals("available", ready.status());
    assertEquals(
        asked.toString(), ready.tags().get(RdsTags.RESTORE_POINT), "restored to the asked time");
    assertTrue(owner.owns(ready.tags()), ready.tags().toString());
    DBInstance restored =
        rds.describeDBInstances(r -> r.dbInstanceIdentifier(target)).dbInstances().get(0);
    assertEquals(
        37, restored.allocatedStorage(), "the deleted instance's settings, not another instance's");
    assertNotEquals(before.dbiResourceId(), restored.dbiResourceId());
    activities.verifyPlacement(new PlacementCheck(REGION, target, locations, placement));
  }

  @Test
  void withNothingRestorableTheMessageListsWhatWasSearched() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.findRestoreSource(
                    new RestoreSourceQuery(REGION, locations, REGION, null), false));

    assertEquals("RdsNoRestoreSource", e.getType());
    assertEquals(
        "nothing restorable to a point in time for RDS instance '"
            + locations
            + "' in eu-west-1; searched:"
            + " RDS instance '"
            + locations
            + "' in eu-west-1 (DescribeDBInstances): not found; retained automated"
            + " backups of deleted instance '"
            + locations
            + "' in eu-west-1 (DescribeDBInstanceAutomatedBackups): none"
            + " (a final or manual snapshot is restored with dr restore-snapshot)",
        e.getOriginalMessage());
  }
}
