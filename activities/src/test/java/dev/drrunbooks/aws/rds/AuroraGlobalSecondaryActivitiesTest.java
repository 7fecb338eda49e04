package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.AuroraClusterState;
import dev.drrunbooks.activities.rds.AuroraGlobalSecondaryActivities;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.activities.rds.SecondaryReaderRequest;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;

/**
 * Adding an Aurora global database's secondary cluster against a scripted RDS ({@link
 * ScriptedSecondaryRds}): what CreateDBCluster and CreateDBInstance are asked, the key sent only
 * for an encrypted global cluster, the reader's class read from the primary's writer, retries after
 * a lost answer finding their own work, and anything of that name not this run's refused untouched.
 */
class AuroraGlobalSecondaryActivitiesTest {
  private static final String GLOBAL = "payments-global";
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String SECONDARY = "payments-fra";
  private static final String READER = "payments-fra-instance-1";
  private static final String KEY = "arn:aws:kms:eu-central-1:123456789012:key/dr";
  private static final Ownership RUN = new Ownership("standby-instantiate-1", "run-1", "standby");
  private static final Ownership OTHER_RUN =
      new Ownership("standby-instantiate-0", "run-0", "standby");
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));

  private ScriptedSecondaryRds rds =
      new ScriptedSecondaryRds(GLOBAL, false, PRIMARY, "payments-eu");

  private AuroraGlobalSecondaryActivitiesImpl activities() {
    return new AuroraGlobalSecondaryActivitiesImpl(rds::client, FAST, Clock.systemUTC());
  }

  private static SecondaryClusterRequest request(String kmsKeyId) {
    return new SecondaryClusterRequest(
        DR, SECONDARY, GLOBAL, "mycomputer-dr-db", List.of("sg-0a1b2c3d4e5f60718"), kmsKeyId, RUN);
  }

  private static final SecondaryReaderRequest READER_REQUEST =
      new SecondaryReaderRequest(DR, READER, SECONDARY, PRIMARY, "payments-eu", RUN);

  // --- createSecondaryCluster ------------------------------------------------------------

  @Test
  void theSecondaryJoinsTheGlobalClusterWithItsEngineThePlacementAndTheTagsButNoCredentials() {
    AuroraClusterState created = activities().createSecondaryCluster(request(KEY));

    CreateDbClusterRequest asked =
        assertInstanceOf(CreateDbClusterRequest.class, rds.creates.get(0));
    assertEquals(SECONDARY, asked.dbClusterIdentifier());
    assertEquals(GLOBAL, asked.globalClusterIdentifier());
    assertEquals("aurora-postgresql", asked.engine());
    assertEquals("15.4", asked.engineVersion(), "the global cluster's version");
    assertEquals("mycomputer-dr-db", asked.dbSubnetGroupName());
    assertEquals(List.of("sg-0a1b2c3d4e5f60718"), asked.vpcSecurityGroupIds());
    assertNull(asked.masterUsername(), "a secondary takes no master credentials");
    assertNull(asked.masterUserPassword());
    assertNull(asked.kmsKeyId(), "an unencrypted global cluster's secondary gets no key");
    assertNull(asked.storageEncrypted());
    Map<String, String> tags = RdsTags.toMap(asked.tags());
    assertTrue(RUN.owns(tags), tags.toString());
    assertEquals(Ownership.KEPT_STANDBY, tags.get(Ownership.KEPT_TAG));
    assertEquals("creating", created.status());
    assertEquals(GLOBAL, created.globalClusterId());
    assertEquals(ScriptedSecondaryRds.clusterArn(DR, SECONDARY), created.arn());
  }

  @Test
  void anEncryptedGlobalClustersSecondaryIsEncryptedWithTheRegionsKeyAndRefusedWithoutOne() {
    rds = new ScriptedSecondaryRds(GLOBAL, true, PRIMARY, "payments-eu");

    ApplicationFailure noKey =
        assertThrows(
            ApplicationFailure.class, () -> activities().createSecondaryCluster(request(null)));
    assertEquals("InvalidInput", noKey.getType());
    assertTrue(noKey.getOriginalMessage().contains("is encrypted"), noKey.getOriginalMessage());
    assertTrue(rds.creates.isEmpty(), "refused before RDS was asked");

    activities().createSecondaryCluster(request(KEY));
    CreateDbClusterRequest asked =
        assertInstanceOf(CreateDbClusterRequest.class, rds.creates.get(0));
    assertEquals(KEY, asked.kmsKeyId());
    assertEquals(Boolean.TRUE, asked.storageEncrypted());
  }

  @Test
  void aRetryAfterALostAnswerFindsItsOwnClusterAndCreatesNothingMore() {
    rds.loseCreateAnswer = true;
    AuroraGlobalSecondaryActivitiesImpl a = activities();

    assertThrows(SdkClientException.class, () -> a.createSecondaryCluster(request(KEY)));
    AuroraClusterState retried = a.createSecondaryCluster(request(KEY));

    assertEquals(1, rds.creates.size(), rds.calls.toString());
    assertEquals(SECONDARY, retried.clusterId());
    assertTrue(RUN.owns(retried.tags()));
  }

  @Test
  void aClusterOfThatNameUntaggedOrAnotherRunsIsRefusedUntouched() {
    rds.cluster(DR, SECONDARY, "available", Map.of(), List.of());
    ApplicationFailure untagged =
        assertThrows(
            ApplicationFailure.class, () -> activities().createSecondaryCluster(request(KEY)));
    assertEquals("NotOwned", untagged.getType());
    assertTrue(untagged.isNonRetryable());
    assertTrue(untagged.getOriginalMessage().contains("'" + SECONDARY + "'"));

    rds.cluster(DR, SECONDARY, "available", OTHER_RUN.tags(), List.of());
    ApplicationFailure others =
        assertThrows(
            ApplicationFailure.class, () -> activities().createSecondaryCluster(request(KEY)));
    assertEquals("NotOwned", others.getType());
    assertTrue(
        others.getOriginalMessage().contains("standby-instantiate-0"), others.getOriginalMessage());
    assertTrue(rds.creates.isEmpty(), rds.calls.toString());
  }

  @Test
  void thisRunsClusterOutsideTheGlobalClusterIsAConflict() {
    rds.cluster(DR, SECONDARY, "available", RUN.tags(), List.of());
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities().createSecondaryCluster(request(KEY)));
    assertEquals(AuroraGlobalSecondaryActivitiesImpl.CONFLICT, e.getType());
    assertTrue(rds.creates.isEmpty());
  }

  @Test
  void aMissingGlobalClusterOrSubnetGroupIsRefusedBeforeRdsIsAsked() {
    ApplicationFailure global =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities()
                    .createSecondaryCluster(
                        new SecondaryClusterRequest(
                            DR, SECONDARY, "no-such-global", "g", List.of(), null, RUN)));
    assertEquals(GlobalClusters.NOT_FOUND, global.getType());
    ApplicationFailure subnets =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities()
                    .createSecondaryCluster(
                        new SecondaryClusterRequest(
                            DR, SECONDARY, GLOBAL, " ", List.of(), null, RUN)));
    assertEquals("InvalidInput", subnets.getType());
    assertTrue(rds.creates.isEmpty());
  }

  // --- createReader ----------------------------------------------------------------------

  @Test
  void theReaderTakesThePrimaryWritersClassAndTheSecondarysEngineAndIsKept() {
    AuroraGlobalSecondaryActivitiesImpl a = activities();
    a.createSecondaryCluster(request(KEY));

    InstanceInfo reader = a.createReader(READER_REQUEST);

    CreateDbInstanceRequest asked =
        assertInstanceOf(CreateDbInstanceRequest.class, rds.creates.get(1));
    assertEquals(READER, asked.dbInstanceIdentifier());
    assertEquals(SECONDARY, asked.dbClusterIdentifier());
    assertEquals("aurora-postgresql", asked.engine());
    assertEquals(
        ScriptedSecondaryRds.WRITER_CLASS,
        asked.dbInstanceClass(),
        "the writer's, not the reader's");
    Map<String, String> tags = RdsTags.toMap(asked.tags());
    assertTrue(RUN.owns(tags));
    assertEquals(Ownership.KEPT_STANDBY, tags.get(Ownership.KEPT_TAG));
    assertEquals(ScriptedSecondaryRds.WRITER_CLASS, reader.instanceClass());
    assertEquals("creating", reader.status());
  }

  @Test
  void aReaderRetryFindsItsOwnAndAnotherRunsReaderIsRefused() {
    AuroraGlobalSecondaryActivitiesImpl a = activities();
    a.createSecondaryCluster(request(KEY));
    rds.loseCreateAnswer = true;
    assertThrows(SdkClientException.class, () -> a.createReader(READER_REQUEST));
    InstanceInfo retried = a.createReader(READER_REQUEST);
    assertEquals(READER, retried.instanceId());
    assertEquals(2, rds.creates.size(), "one cluster, one reader");

    rds.instance(DR, READER, SECONDARY, OTHER_RUN.tags());
    ApplicationFailure others =
        assertThrows(ApplicationFailure.class, () -> a.createReader(READER_REQUEST));
    assertEquals("NotOwned", others.getType());
    assertEquals(2, rds.creates.size());
  }

  @Test
  void aReaderOfAMissingSecondaryIsRefused() {
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities().createReader(READER_REQUEST));
    assertEquals("RdsClusterNotFound", e.getType());
    assertTrue(rds.creates.isEmpty());
  }

  // --- pollClusterAvailable --------------------------------------------------------------

  @Test
  void theWaitIsNotYetWhileCreatingAndEndsOnceAvailable() {
    rds.describesUntilAvailable = 1;
    activities().createSecondaryCluster(request(KEY));

    ApplicationFailure creating =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollClusterAvailable(DR, SECONDARY, Instant.now().plusSeconds(60))));
    AuroraClusterState available =
        oneAttempt(a -> a.pollClusterAvailable(DR, SECONDARY, Instant.now().plusSeconds(60)));

    assertEquals(Polls.NOT_YET, creating.getType());
    assertFalse(creating.isNonRetryable());
    assertTrue(creating.getOriginalMessage().contains("creating"), creating.getOriginalMessage());
    assertEquals("available", available.status());
  }

  @Test
  void aClusterThatFailsOrTheDeadlineEndsTheWait() {
    rds.describesUntilAvailable = 0;
    rds.failsAs = "inaccessible-encryption-credentials";
    activities().createSecondaryCluster(request(KEY));
    ApplicationFailure failed =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollClusterAvailable(DR, SECONDARY, Instant.now().plusSeconds(60))));
    assertEquals("RdsBadState", failed.getType());
    assertTrue(failed.isNonRetryable());

    ApplicationFailure late =
        oneAttempt(
            a ->
                failureOf(
                    () ->
                        a.pollClusterAvailable(
                            DR, "payments-none", Instant.now().minusSeconds(1))));
    assertEquals("WaitDeadlineExceeded", late.getType());
    assertTrue(late.getOriginalMessage().contains("not listed yet"), late.getOriginalMessage());
  }

  // --- pollReaderAvailable ---------------------------------------------------------------

  @Test
  void theReaderIsWaitedForUntilAvailableAndAFailedOneEndsTheWait() {
    rds.describesUntilAvailable = 1;
    activities().createSecondaryCluster(request(KEY));
    InstanceInfo created = activities().createReader(READER_REQUEST);

    ApplicationFailure creating =
        oneAttempt(
            a ->
                failureOf(
                    () ->
                        a.pollReaderAvailable(
                            DR, created.instanceId(), Instant.now().plusSeconds(60))));
    InstanceInfo available =
        oneAttempt(
            a -> a.pollReaderAvailable(DR, created.instanceId(), Instant.now().plusSeconds(60)));
    assertEquals(Polls.NOT_YET, creating.getType());
    assertFalse(creating.isNonRetryable());
    assertEquals("available", available.status());

    ApplicationFailure late =
        oneAttempt(
            a ->
                failureOf(
                    () ->
                        a.pollReaderAvailable(DR, "payments-none", Instant.now().minusSeconds(1))));
    assertEquals("WaitDeadlineExceeded", late.getType());
    assertTrue(late.getOriginalMessage().contains("not listed yet"), late.getOriginalMessage());
  }

  private <T> T oneAttempt(Function<AuroraGlobalSecondaryActivities, T> call) {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(activities());
      return call.apply(
          one.newActivityStub(
              AuroraGlobalSecondaryActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build()));
    } finally {
      one.close();
    }
  }

  private static ApplicationFailure failureOf(org.junit.jupiter.api.function.Executable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }
}
