package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The read-replica standby through the AWS SDK over HTTP against the sandbox's emulator (moto
 * 5.2.5): a cross-region CreateDBInstanceReadReplica from the source's ARN, its describe, and
 * PromoteReadReplica. Each test makes its own source instance in eu-west-1 and its own subnet
 * groups, and removes them; the seeded world is not touched.
 *
 * <p>What moto does differently from AWS, and these tests therefore do not rely on: its replica is
 * a copy of the source (settings, tags when none are sent, AvailabilityZone) and "available" at
 * once; it reports no StatusInfos; PromoteReadReplica leaves ReadReplicaSourceDBInstanceIdentifier
 * in place (AWS removes it when the promotion ends), accepts an instance that is not a replica, and
 * a second CreateDBInstanceReadReplica of an existing name replaces the instance instead of failing
 * with DBInstanceAlreadyExists. Those are modelled in {@link RdsStandbyActivitiesTest}.
 */
class RdsStandbyActivitiesSandboxTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";

  private AwsClients aws;
  private RdsClient primary;
  private RdsClient dr;
  private RdsStandbyActivitiesImpl activities;
  private Ownership owner;
  private String source;
  private String sourceArn;
  private String replica;
  private MotoSubnetGroup drSubnets;
  private MotoSubnetGroup shadowSubnets;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    primary = aws.rds(PRIMARY);
    dr = aws.rds(DR);
    activities =
        new RdsStandbyActivitiesImpl(
            aws::rds,
            aws::cloudWatch,
            new Polling(Duration.ofMillis(50), Duration.ofMillis(200)),
            Clock.systemUTC());
    owner = new Ownership(SandboxAws.uniqueName("standby-test"), "run-1", "standby");
    source = SandboxAws.uniqueName("dr-test-standby-src");
    replica = SandboxAws.uniqueName("dr-test-standby-replica");
    primary.createDBInstance(
        r ->
            r.dbInstanceIdentifier(source)
                .engine("postgres")
                .dbInstanceClass("db.t3.micro")
                .allocatedStorage(20)
                .masterUsername("someone")
                .masterUserPassword("not-a-secret-1")
                .backupRetentionPeriod(7)
                .tags(RdsTags.toTags(Map.of("service", "standby-test"))));
    sourceArn =
        primary
            .describeDBInstances(r -> r.dbInstanceIdentifier(source))
            .dbInstances()
            .get(0)
            .dbInstanceArn();
    String group = SandboxAws.uniqueName("dr-test-standby-subnets");
    drSubnets = new MotoSubnetGroup(DR, group, dr, 61);
    // moto 5.2.5 looks a cross-region replica's subnet group up in the SOURCE's region (it copies
    // the source and sets the subnet group before the region): a group of the same name there
    // gets it past that. AWS wants the group in the replica's region, as the request names it.
    shadowSubnets = new MotoSubnetGroup(PRIMARY, group, primary, 62);
  }

  @AfterEach
  void cleanUp() {
    try {
      dr.describeDBInstances(r -> r.dbInstanceIdentifier(replica)).dbInstances().stream()
          .findFirst()
          .ifPresent(
              db ->
                  // a replica deletes as it is, promoted or not (moto addition 8)
                  dr.deleteDBInstance(
                      r -> r.dbInstanceIdentifier(replica).skipFinalSnapshot(true)));
    } catch (software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException gone) {
      // never created
    }
    primary.deleteDBInstance(
        r -> r.dbInstanceIdentifier(source).skipFinalSnapshot(true).deleteAutomatedBackups(true));
    drSubnets.close();
    shadowSubnets.close();
    aws.close();
  }

  private ReplicaRequest request(Ownership by) {
    return new ReplicaRequest(
        DR,
        replica,
        PRIMARY,
        source,
        null,
        drSubnets.name(),
        List.of("sg-0a1b2c3d4e5f60718"),
        null,
        by);
  }

  @Test
  void aCrossRegionReplicaIsCreatedFromTheSourcesArnAndDescribedAsItsReplica() {
    InstanceInfo created = activities.createReplica(request(owner));

    assertEquals(DR, created.region());
    assertEquals("arn:aws:rds:" + DR + ":123456789012:db:" + replica, created.arn());
    assertTrue(owner.owns(created.tags()), created.tags().toString());
    assertEquals(sourceArn, created.tags().get(RdsTags.REPLICA_OF));
    assertEquals(null, created.tags().get("service"), "the source's tags are not copied over");

    ReplicaState state = activities.describeReplica(DR, replica);
    assertTrue(state.replicatesFromASource());
    assertEquals(sourceArn, state.sourceIdentifier(), "cross-region: the source's ARN");
    assertNull(state.replication(), "moto reports no StatusInfos");
    DBInstance described =
        dr.describeDBInstances(r -> r.dbInstanceIdentifier(replica)).dbInstances().get(0);
    assertEquals(
        List.of("sg-0a1b2c3d4e5f60718"),
        described.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList());
  }

  @Test
  void aSecondCreateByTheSameRunReturnsTheReplicaWithoutReplacingIt() {
    activities.createReplica(request(owner));
    String arn = activities.describeReplica(DR, replica).arn();
    dr.addTagsToResource(r -> r.resourceName(arn).tags(t -> t.key("marker").value("first")));

    InstanceInfo again = activities.createReplica(request(owner));

    // moto would replace an instance named again by CreateDBInstanceReadReplica, dropping the
    // marker: the create must not have been sent.
    assertEquals("first", again.tags().get("marker"), again.tags().toString());
  }

  @Test
  void aReplicaOfThatNameMadeByAnotherRunIsRefused() {
    activities.createReplica(request(new Ownership("someone-else", "run-9", "standby")));

    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.createReplica(request(owner)));

    assertEquals(FailureType.NOT_OWNED.type(), e.getType());
    assertTrue(e.getOriginalMessage().contains("someone-else"), e.getOriginalMessage());
  }

  @Test
  void onlyAReplicaOfTheExpectedSourceIsPromotedWithTheRetentionAsked() {
    activities.createReplica(request(owner));

    ApplicationFailure wrong =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.promoteReplica(
                    DR,
                    replica,
                    "arn:aws:rds:eu-west-1:123456789012:db:mycomputer-inventory-db",
                    7));
    assertEquals("RdsNotReplicaOfSource", wrong.getType());
    assertEquals(null, activities.describeReplica(DR, replica).tags().get(RdsTags.PROMOTED_FROM));

    Promotion p = activities.promoteReplica(DR, replica, sourceArn, 3);

    assertEquals(Promotion.PROMOTING, p.outcome());
    assertEquals(sourceArn, p.formerSource());
    DBInstance promoted =
        dr.describeDBInstances(r -> r.dbInstanceIdentifier(replica)).dbInstances().get(0);
    assertEquals(3, promoted.backupRetentionPeriod());
    assertEquals(
        sourceArn, activities.describeReplica(DR, replica).tags().get(RdsTags.PROMOTED_FROM));
  }
}
