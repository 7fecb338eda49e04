package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;

/**
 * The Aurora global standby through the AWS SDK over HTTP against the sandbox's emulator (moto
 * 5.2.5 with moto_server_additions.py, addition 11): a global database with an Aurora PostgreSQL
 * primary cluster in eu-west-1 and a secondary in eu-central-1, described, switched over to the
 * secondary, waited for, and failed back over to the primary allowing data loss. Each test makes
 * its own global cluster and clusters, and removes them; the seeded world is not touched.
 *
 * <p>What the emulator does differently from AWS, and these tests therefore do not rely on: the
 * writer changes within the SwitchoverGlobalCluster or FailoverGlobalCluster call, with no
 * FailoverState and no switching-over status in between (scripted in {@link
 * AuroraGlobalActivitiesTest}); it publishes no AuroraGlobalDBReplicationLag (and this module's
 * CloudWatch client cannot reach it anyway: the SDK speaks CBOR to CloudWatch, which moto does not,
 * and the translating interceptor is the sandbox module's CloudWatchJsonProtocol, so the lag is
 * tested against a scripted client only); its clusters have no instances, endpoints that resolve,
 * or data. The global cluster is made empty and the clusters join it with GlobalClusterIdentifier
 * (the first is the writer): moto's CreateGlobalCluster finds a SourceDBClusterIdentifier in
 * us-east-1 only.
 */
class AuroraGlobalActivitiesSandboxTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";

  private AwsClients aws;
  private RdsClient primary;
  private RdsClient dr;
  private AuroraGlobalActivitiesImpl activities;
  private TestActivityEnvironment attempts;
  private AuroraGlobalActivities stub;
  private String global;
  private String primaryCluster;
  private String secondaryCluster;
  private String primaryArn;
  private String secondaryArn;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    primary = aws.rds(PRIMARY);
    dr = aws.rds(DR);
    activities =
        new AuroraGlobalActivitiesImpl(
            aws::rds,
            aws::cloudWatch,
            new Polling(Duration.ofMillis(50), Duration.ofMillis(200)),
            Clock.systemUTC());
    // pollWriter runs in an activity attempt (its per-attempt poll reads the attempt number)
    attempts = TestActivityEnvironment.newInstance();
    attempts.registerActivitiesImplementations(activities);
    stub =
        attempts.newActivityStub(
            AuroraGlobalActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
    global = SandboxAws.uniqueName("dr-test-global");
    primaryCluster = SandboxAws.uniqueName("dr-test-global-primary");
    secondaryCluster = SandboxAws.uniqueName("dr-test-global-secondary");
    primary.createGlobalCluster(r -> r.globalClusterIdentifier(global).engine("aurora-postgresql"));
    primaryArn =
        primary
            .createDBCluster(
                r ->
                    r.dbClusterIdentifier(primaryCluster)
                        .engine("aurora-postgresql")
                        .masterUsername("someone")
                        .masterUserPassword("not-a-secret-1")
                        .globalClusterIdentifier(global))
            .dbCluster()
            .dbClusterArn();
    secondaryArn =
        dr.createDBCluster(
                r ->
                    r.dbClusterIdentifier(secondaryCluster)
                        .engine("aurora-postgresql")
                        .globalClusterIdentifier(global))
            .dbCluster()
            .dbClusterArn();
  }

  @AfterEach
  void cleanUp() {
    try {
      // AWS's order: detach each member, delete the clusters, then the empty global cluster
      // (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-deleting.html)
      detach(dr, secondaryArn);
      detach(primary, primaryArn);
      dr.deleteDBCluster(r -> r.dbClusterIdentifier(secondaryCluster).skipFinalSnapshot(true));
      primary.deleteDBCluster(r -> r.dbClusterIdentifier(primaryCluster).skipFinalSnapshot(true));
      primary.deleteGlobalCluster(r -> r.globalClusterIdentifier(global));
    } finally {
      attempts.close();
      aws.close();
    }
  }

  /** Removes a member; one a test removed already is left as it is. */
  private void detach(RdsClient client, String clusterArn) {
    try {
      client.removeFromGlobalCluster(
          r -> r.globalClusterIdentifier(global).dbClusterIdentifier(clusterArn));
    } catch (DbClusterNotFoundException alreadyRemoved) {
      // detached by the test
    }
  }

  @Test
  void afterAFailoverTheOldPrimaryIsASecondaryAndOnceRemovedTheWaitForItEndsAtOnce() {
    Instant deadline = Instant.now().plusSeconds(60);
    activities.failoverAllowingDataLoss(DR, global, secondaryArn);
    stub.pollWriter(DR, global, secondaryArn, deadline);

    // moto gives no SynchronizationStatus: a listed reader replicates (no pending-resync modelled)
    GlobalClusterState back = stub.pollSecondary(DR, global, primaryArn, deadline);
    assertFalse(back.member(primaryArn).orElseThrow().writer());
    assertTrue(back.member(primaryArn).orElseThrow().replicatingSecondary());

    detach(primary, primaryArn);
    ActivityFailure removed =
        assertThrows(
            ActivityFailure.class, () -> stub.pollSecondary(DR, global, primaryArn, deadline));
    assertEquals(
        AuroraGlobalActivitiesImpl.MEMBER_NOT_FOUND,
        assertInstanceOf(ApplicationFailure.class, removed.getCause()).getType());
  }

  @Test
  void theGlobalDatabaseIsDescribedFromTheSecondarysRegionWithEachMembersRegion() {
    GlobalClusterState s = activities.describeGlobalCluster(DR, global);

    assertTrue(s.found());
    assertEquals(global, s.globalClusterId());
    assertEquals("available", s.status());
    assertEquals(
        List.of(
            new GlobalMember(primaryArn, PRIMARY, true, null),
            new GlobalMember(secondaryArn, DR, false, null)),
        s.members());
    assertNull(s.failoverStatus());

    assertFalse(activities.describeGlobalCluster(DR, global + "-none").found());
  }

  @Test
  void aSwitchoverToTheSecondaryThenAFailoverBackAllowingDataLossMoveTheWriter() {
    Instant deadline = Instant.now().plusSeconds(60);

    String switched = activities.switchover(DR, global, secondaryArn);
    GlobalClusterState afterSwitchover = stub.pollWriter(DR, global, secondaryArn, deadline);
    String again = activities.switchover(DR, global, secondaryArn);

    assertEquals("available", switched, "moto's change is whole when it answers");
    assertEquals(secondaryArn, afterSwitchover.writerArn());
    assertEquals(AuroraGlobalActivitiesImpl.ALREADY_WRITER, again);

    String failedOver = activities.failoverAllowingDataLoss(DR, global, primaryArn);
    GlobalClusterState afterFailover = stub.pollWriter(DR, global, primaryArn, deadline);

    assertEquals("available", failedOver);
    assertEquals(primaryArn, afterFailover.writerArn());
    assertEquals(
        List.of(
            new GlobalMember(primaryArn, PRIMARY, true, null),
            new GlobalMember(secondaryArn, DR, false, null)),
        afterFailover.members());
  }

  @Test
  void theNewWritersEndpointIsItsClustersOwnAndAMissingClusterIsRefused() {
    InstanceInfo writer = activities.writerEndpoint(DR, secondaryCluster);
    assertEquals(secondaryArn, writer.arn());
    assertTrue(
        writer.endpointAddress().startsWith(secondaryCluster + "."), writer.endpointAddress());
    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.writerEndpoint(DR, secondaryCluster + "-none"));
    assertEquals("RdsClusterNotFound", missing.getType());
  }

  @Test
  void aClusterOutsideTheGlobalDatabaseIsNeverMadeItsWriter() {
    String stranger = secondaryArn.replace(secondaryCluster, secondaryCluster + "-stranger");

    ApplicationFailure refused =
        assertThrows(ApplicationFailure.class, () -> activities.switchover(DR, global, stranger));
    ActivityFailure waited =
        assertThrows(
            ActivityFailure.class,
            () -> stub.pollWriter(DR, global, stranger, Instant.now().plusSeconds(60)));

    assertEquals(AuroraGlobalActivitiesImpl.MEMBER_NOT_FOUND, refused.getType());
    assertEquals(
        AuroraGlobalActivitiesImpl.MEMBER_NOT_FOUND,
        assertInstanceOf(ApplicationFailure.class, waited.getCause()).getType());
    assertEquals(primaryArn, activities.describeGlobalCluster(DR, global).writerArn());
  }
}
