package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.AuroraClusterState;
import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.AuroraGlobalSecondaryActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.activities.rds.SecondaryReaderRequest;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * Adding the secondary region to an Aurora global database through the AWS SDK over HTTP against
 * the sandbox's emulator (moto 5.2.5 with moto_server_additions.py, addition 11): an encrypted
 * global database with a primary cluster and its writer in eu-west-1; the secondary cluster created
 * in eu-central-1 with GlobalClusterIdentifier, waited for, given its reader, and found a member by
 * the secondary wait; a retry finding its own cluster and reader; a cluster of that name not this
 * run's refused. Each test makes its own global cluster and clusters, and removes them.
 *
 * <p>What the emulator does differently from AWS: a new cluster is available at its first describe
 * (AWS's takes minutes, scripted in {@link AuroraGlobalSecondaryActivitiesTest}); it lists the
 * secondary as a member at once and gives no SynchronizationStatus; it does not check the KMS key.
 */
class AuroraGlobalSecondarySandboxTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String KEY = "arn:aws:kms:eu-central-1:123456789012:key/dr-test";

  private AwsClients aws;
  private RdsClient primary;
  private RdsClient dr;
  private MotoSubnetGroup subnets;
  private TestActivityEnvironment attempts;
  private AuroraGlobalSecondaryActivitiesImpl activities;
  private AuroraGlobalSecondaryActivities stub;
  private AuroraGlobalActivities global;
  private final Ownership run =
      new Ownership(SandboxAws.uniqueName("standby-instantiate"), "run-1", "standby-instantiate");
  private String globalId;
  private String primaryCluster;
  private String secondaryCluster;
  private String reader;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    primary = aws.rds(PRIMARY);
    dr = aws.rds(DR);
    subnets = new MotoSubnetGroup(DR, SandboxAws.uniqueName("dr-test-aurora-subnets"), dr, 63);
    activities =
        new AuroraGlobalSecondaryActivitiesImpl(
            aws::rds,
            new Polling(Duration.ofMillis(50), Duration.ofMillis(200)),
            Clock.systemUTC());
    AuroraGlobalActivitiesImpl globalActivities =
        new AuroraGlobalActivitiesImpl(
            aws::rds,
            aws::cloudWatch,
            new Polling(Duration.ofMillis(50), Duration.ofMillis(200)),
            Clock.systemUTC());
    attempts = TestActivityEnvironment.newInstance();
    attempts.registerActivitiesImplementations(activities, globalActivities);
    ActivityOptions once =
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();
    stub = attempts.newActivityStub(AuroraGlobalSecondaryActivities.class, once);
    global = attempts.newActivityStub(AuroraGlobalActivities.class, once);

    globalId = SandboxAws.uniqueName("dr-test-global");
    primaryCluster = SandboxAws.uniqueName("dr-test-global-primary");
    secondaryCluster = SandboxAws.uniqueName("dr-test-global-secondary");
    reader = secondaryCluster + "-instance-1";
    primary.createGlobalCluster(
        r ->
            r.globalClusterIdentifier(globalId)
                .engine("aurora-postgresql")
                .engineVersion("15.4")
                .storageEncrypted(true));
    primary.createDBCluster(
        r ->
            r.dbClusterIdentifier(primaryCluster)
                .engine("aurora-postgresql")
                .engineVersion("15.4")
                .masterUsername("someone")
                .masterUserPassword("not-a-secret-1")
                .globalClusterIdentifier(globalId));
    primary.createDBInstance(
        r ->
            r.dbInstanceIdentifier(primaryCluster + "-writer")
                .dbClusterIdentifier(primaryCluster)
                .engine("aurora-postgresql")
                .dbInstanceClass("db.r6g.xlarge"));
  }

  @AfterEach
  void cleanUp() {
    try {
      deleteInstance(dr, reader);
      deleteInstance(primary, primaryCluster + "-writer");
      detachAndDelete(dr, DR, secondaryCluster);
      detachAndDelete(primary, PRIMARY, primaryCluster);
      primary.deleteGlobalCluster(r -> r.globalClusterIdentifier(globalId));
      subnets.close();
    } finally {
      attempts.close();
      aws.close();
    }
  }

  private static void deleteInstance(RdsClient client, String id) {
    try {
      client.deleteDBInstance(r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(true));
    } catch (DbInstanceNotFoundException never) {
      // the test did not get that far
    }
  }

  private void detachAndDelete(RdsClient client, String region, String id) {
    try {
      DBCluster c = client.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().get(0);
      if (c.globalClusterIdentifier() != null)
        client.removeFromGlobalCluster(
            r -> r.globalClusterIdentifier(globalId).dbClusterIdentifier(c.dbClusterArn()));
      client.deleteDBCluster(r -> r.dbClusterIdentifier(id).skipFinalSnapshot(true));
    } catch (DbClusterNotFoundException never) {
      // not created
    }
  }

  private SecondaryClusterRequest request() {
    return new SecondaryClusterRequest(
        DR, secondaryCluster, globalId, subnets.name(), List.of("sg-0a1b2c3d4e5f60718"), KEY, run);
  }

  @Test
  void theSecondaryIsCreatedInTheGlobalClusterWaitedForGivenItsReaderAndReplicates() {
    Instant deadline = Instant.now().plusSeconds(60);

    AuroraClusterState created = stub.createSecondaryCluster(request());
    AuroraClusterState available = stub.pollClusterAvailable(DR, secondaryCluster, deadline);
    InstanceInfo readerInfo =
        stub.createReader(
            new SecondaryReaderRequest(DR, reader, secondaryCluster, PRIMARY, primaryCluster, run));
    InstanceInfo readerUp = stub.pollReaderAvailable(DR, reader, deadline);
    GlobalClusterState replicating = global.pollSecondary(DR, globalId, available.arn(), deadline);
    assertEquals("available", readerUp.status(), "moto's instances are available at once");

    assertEquals(globalId, created.globalClusterId());
    assertTrue(run.owns(created.tags()), created.tags().toString());
    assertEquals(Ownership.KEPT_STANDBY, created.tags().get(Ownership.KEPT_TAG));
    assertEquals("available", available.status());
    DBCluster described =
        dr.describeDBClusters(r -> r.dbClusterIdentifier(secondaryCluster)).dbClusters().get(0);
    assertEquals("aurora-postgresql", described.engine());
    assertEquals("15.4", described.engineVersion());
    assertEquals(KEY, described.kmsKeyId());
    assertEquals(Boolean.TRUE, described.storageEncrypted());
    assertEquals(subnets.name(), described.dbSubnetGroup());
    assertEquals("db.r6g.xlarge", readerInfo.instanceClass(), "the primary writer's class");
    assertEquals(secondaryCluster, activities.describeCluster(DR, secondaryCluster).clusterId());
    assertTrue(
        activities.describeCluster(DR, secondaryCluster).instances().contains(reader),
        "the reader is in the secondary cluster");
    assertTrue(replicating.member(available.arn()).orElseThrow().replicatingSecondary());
  }

  @Test
  void aRetryFindsItsOwnClusterAndReaderAndCreatesNothingMore() {
    stub.createSecondaryCluster(request());
    SecondaryReaderRequest readerRequest =
        new SecondaryReaderRequest(DR, reader, secondaryCluster, PRIMARY, primaryCluster, run);
    stub.createReader(readerRequest);

    AuroraClusterState again = activities.createSecondaryCluster(request());
    InstanceInfo readerAgain = activities.createReader(readerRequest);

    assertEquals(secondaryCluster, again.clusterId());
    assertEquals(reader, readerAgain.instanceId());
    assertEquals(1, activities.describeCluster(DR, secondaryCluster).instances().size());
  }

  @Test
  void aClusterOfThatNameNotThisRunsIsRefusedAndLeftAsItWas() {
    dr.createDBCluster(
        r ->
            r.dbClusterIdentifier(secondaryCluster)
                .engine("aurora-postgresql")
                .masterUsername("someone")
                .masterUserPassword("not-a-secret-1"));
    ApplicationFailure refused =
        assertThrows(ApplicationFailure.class, () -> activities.createSecondaryCluster(request()));

    assertEquals("NotOwned", refused.getType());
    AuroraClusterState untouched = activities.describeCluster(DR, secondaryCluster);
    assertEquals(null, untouched.globalClusterId(), untouched.toString());
    assertEquals(Map.of(), untouched.tags());
  }
}
