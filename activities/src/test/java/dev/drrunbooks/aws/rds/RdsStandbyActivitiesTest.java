package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.ScriptedStandbyRds.arn;
import static dev.drrunbooks.aws.rds.ScriptedStandbyRds.look;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.aws.ScriptedSdkClient;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;

/**
 * The read-replica standby's activities against a scripted RDS that behaves as AWS documents what
 * moto does not model ({@link ScriptedStandbyRds}): promotion timing, the source disappearing only
 * at the end, replication errors, lost responses, foreign and conflicting instances.
 */
class RdsStandbyActivitiesTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String SOURCE = "mycomputer-payments-db";
  private static final String SOURCE_ARN = arn(PRIMARY, SOURCE);
  private static final String REPLICA = "mycomputer-payments-db-replica";
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final String QUEUE = "standby";

  private final Ownership owner = new Ownership("standby-failover-payments", "run-1", "standby");
  private final ScriptedStandbyRds rds = new ScriptedStandbyRds();
  private final RdsStandbyActivitiesImpl activities =
      new RdsStandbyActivitiesImpl(rds::client, region -> null, FAST, Clock.systemUTC());
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private ScriptedStandbyRds replicaOfSource(ScriptedStandbyRds.Look... looks) {
    return rds.instance(DR, REPLICA, Map.of("service", "payments"), looks);
  }

  // --- describeReplica -------------------------------------------------------------------

  @Test
  void aReplicaInReplicationErrorIsReportedWithItsStateFlagAndMessage() {
    replicaOfSource(
        new ScriptedStandbyRds.Look(
            "available",
            SOURCE_ARN,
            List.of(
                DBInstanceStatusInfo.builder()
                    .statusType("other")
                    .status("ok")
                    .normal(true)
                    .build(),
                DBInstanceStatusInfo.builder()
                    .statusType("read replication")
                    .status("error")
                    .normal(false)
                    .message("Replication has stopped: WAL segment removed")
                    .build())));

    ReplicaState s = activities.describeReplica(DR, REPLICA);

    assertTrue(s.found());
    assertTrue(s.replicatesFromASource());
    assertEquals(SOURCE_ARN, s.sourceIdentifier());
    assertEquals("error", s.replication(), "the read replication entry, not the first one");
    assertEquals(Boolean.FALSE, s.replicationNormal());
    assertEquals("Replication has stopped: WAL segment removed", s.replicationMessage());
    assertTrue(s.describe().contains("replication error, not normal"), s.describe());
  }

  @Test
  void aMissingInstanceIsNotFoundNotAFailureAndAPromotedOneIsNoReplica() {
    assertFalse(activities.describeReplica(DR, "no-such-replica").found());

    replicaOfSource(look("available", null));
    ReplicaState promoted = activities.describeReplica(DR, REPLICA);
    assertTrue(promoted.found());
    assertFalse(promoted.replicatesFromASource());
    assertNull(promoted.replication(), "RDS reported no StatusInfos");
  }

  // --- createReplica ---------------------------------------------------------------------

  private ReplicaRequest request(String kmsKeyId) {
    return new ReplicaRequest(
        DR,
        REPLICA,
        PRIMARY,
        SOURCE,
        kmsKeyId,
        "mycomputer-dr-db",
        List.of("sg-0a1b2c3d4e5f60718"),
        null,
        owner);
  }

  @Test
  void aReplicaIsCreatedInTheStandbyRegionFromTheSourcesArnWithTheRunsTags() {
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null)).encrypted(PRIMARY, SOURCE);

    InstanceInfo created = activities.createReplica(request("alias/dr-payments"));

    assertEquals("creating", created.status());
    assertTrue(created.restoreAnsweredAt() != null, "the answer's time, for the wait's cadence");
    CreateDbInstanceReadReplicaRequest call = rds.creates.get(0);
    assertEquals(SOURCE_ARN, call.sourceDBInstanceIdentifier(), "a cross-region source by ARN");
    assertEquals(PRIMARY, call.sourceRegion(), "the SDK presigns with SourceRegion");
    assertEquals("alias/dr-payments", call.kmsKeyId());
    assertEquals("mycomputer-dr-db", call.dbSubnetGroupName());
    assertEquals(List.of("sg-0a1b2c3d4e5f60718"), call.vpcSecurityGroupIds());
    Map<String, String> tags = RdsTags.toMap(call.tags());
    assertTrue(owner.owns(tags), tags.toString());
    assertEquals(SOURCE_ARN, tags.get(RdsTags.REPLICA_OF));
    assertEquals(
        Ownership.KEPT_STANDBY,
        tags.get(Ownership.KEPT_TAG),
        "the standby outlives its run: dr cleanup must not delete it");
  }

  @Test
  void theTagsItIsGivenAreKeptBesideTheRunsWhichWinOnTheSameKey() {
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null));
    ReplicaRequest r = request(null);
    activities.createReplica(
        new ReplicaRequest(
            r.region(),
            r.instanceId(),
            r.sourceRegion(),
            r.sourceInstanceId(),
            r.kmsKeyId(),
            r.subnetGroup(),
            r.securityGroupIds(),
            r.instanceClass(),
            r.owner(),
            Map.of("service", "payments", Ownership.KEPT_TAG, "forged")));
    Map<String, String> tags = RdsTags.toMap(rds.creates.get(0).tags());
    assertEquals("payments", tags.get("service"), "the old primary's own tag");
    assertEquals(Ownership.KEPT_STANDBY, tags.get(Ownership.KEPT_TAG), "ours wins");
    assertTrue(owner.owns(tags), tags.toString());
  }

  @Test
  void anUnencryptedSourcesReplicaIsNotEncryptedWithTheCatalogsKey() {
    // AWS: "You can't create an encrypted read replica from an unencrypted DB instance".
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null));
    activities.createReplica(request("alias/dr-payments"));
    assertEquals(null, rds.creates.get(0).kmsKeyId(), "no key sent for an unencrypted source");
  }

  @Test
  void aSameRegionReplicaSendsNoSourceRegion() {
    rds.instance(DR, SOURCE, Map.of(), look("available", null));

    activities.createReplica(
        new ReplicaRequest(DR, REPLICA, DR, SOURCE, null, "g", List.of(), null, owner));

    assertNull(rds.creates.get(0).sourceRegion());
  }

  @Test
  void anEncryptedSourceInAnotherRegionNeedsAKmsKeyOfTheStandbyRegion() {
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null)).encrypted(PRIMARY, SOURCE);

    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.createReplica(request(null)));

    assertEquals(FailureType.INVALID_INPUT.type(), e.getType());
    assertTrue(e.getOriginalMessage().contains("kmsKeyId is required"), e.getOriginalMessage());
    assertTrue(rds.creates.isEmpty());
  }

  @Test
  void aRetryFindsItsOwnReplicaOfTheSameSourceAndCreatesNothing() {
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null));
    rds.instance(
        DR,
        REPLICA,
        RdsTags.owned(owner, RdsTags.REPLICA_OF, SOURCE_ARN),
        look("creating", SOURCE_ARN));

    InstanceInfo found = activities.createReplica(request(null));

    assertEquals(REPLICA, found.instanceId());
    assertEquals("creating", found.status());
    assertTrue(rds.creates.isEmpty());
  }

  @Test
  void anInstanceOfThatNameOwnedByAnyoneElseIsRefusedNamingItsTags() {
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null));
    rds.instance(
        DR,
        REPLICA,
        Map.of("service", "payments", "environment", "production"),
        look("available", SOURCE_ARN));

    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.createReplica(request(null)));

    assertEquals(FailureType.NOT_OWNED.type(), e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("service=payments"), e.getOriginalMessage());
    assertTrue(e.getOriginalMessage().contains(REPLICA));
    assertTrue(rds.creates.isEmpty());
  }

  @Test
  void anOwnReplicaOfAnotherSourceIsRefused() {
    rds.instance(PRIMARY, SOURCE, Map.of(), look("available", null));
    String other = arn(PRIMARY, "mycomputer-inventory-db");
    rds.instance(
        DR, REPLICA, RdsTags.owned(owner, RdsTags.REPLICA_OF, other), look("available", other));

    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.createReplica(request(null)));

    assertEquals("ReplicaConflict", e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("replicates " + other), e.getOriginalMessage());
    assertTrue(rds.creates.isEmpty());
  }

  // --- promoteReplica --------------------------------------------------------------------

  @Test
  void anInstanceReplicatingAnotherSourceIsNeverPromoted() {
    String other = arn(PRIMARY, "mycomputer-inventory-db");
    replicaOfSource(look("available", other));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7));

    assertEquals("RdsNotReplicaOfSource", e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("is a read replica of " + other));
    assertEquals(List.of("describe " + REPLICA), rds.calls, "nothing tagged, nothing promoted");
  }

  @Test
  void anInstanceThatIsNoReplicaAndNeverWasOneOfTheSourceIsRefused() {
    replicaOfSource(look("available", null));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7));

    assertEquals("RdsNotReplicaOfSource", e.getType());
    assertTrue(e.getOriginalMessage().contains("is not a read replica"), e.getOriginalMessage());
    assertEquals(List.of("describe " + REPLICA), rds.calls);
  }

  @Test
  void aRetryAfterALostPromoteResponseFindsThePromotionUnderWayThenFinished() {
    replicaOfSource(look("available", SOURCE_ARN))
        .whenPromoted(
            DR,
            REPLICA,
            look("modifying", SOURCE_ARN),
            look("modifying", SOURCE_ARN),
            look("available", null));
    rds.losePromoteResponse = true;

    // The first attempt: RDS accepted, the answer was lost; a retryable SDK failure.
    assertThrows(
        SdkClientException.class, () -> activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7));
    assertEquals(SOURCE_ARN, rds.tagsOf(DR, REPLICA).get(RdsTags.PROMOTED_FROM));

    // The retry while it promotes: RDS refuses a second promotion, and the mark says it is ours.
    Promotion underWay = activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7);
    assertEquals(Promotion.UNDER_WAY, underWay.outcome());
    assertEquals("modifying", underWay.status());

    // The retry after it finished: no source any more; the mark says from where.
    Promotion done = activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7);
    assertEquals(Promotion.ALREADY_PROMOTED, done.outcome());
    assertEquals(SOURCE_ARN, done.formerSource());
    assertEquals(
        2,
        rds.calls.stream().filter(c -> c.startsWith("promote ")).count(),
        "the finished promotion is not asked for again: " + rds.calls);
  }

  @Test
  void aReplicaBusyWithoutThisRunsMarkIsRetriedNotCalledUnderWay() {
    replicaOfSource(look("backing-up", SOURCE_ARN));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7));

    assertEquals("RdsReplicaBusy", e.getType());
    assertFalse(e.isNonRetryable());
  }

  @Test
  void theRetentionPeriodGoesWithThePromotionAndZeroIsRefused() {
    replicaOfSource(look("available", SOURCE_ARN))
        .whenPromoted(DR, REPLICA, look("modifying", SOURCE_ARN));

    assertThrows(
        ApplicationFailure.class, () -> activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 0));
    Promotion p = activities.promoteReplica(DR, REPLICA, SOURCE_ARN, 7);

    assertEquals(Promotion.PROMOTING, p.outcome());
    assertEquals("modifying", p.status());
    assertTrue(p.answeredAt() != null);
    assertEquals(4, rds.calls.size(), rds.calls.toString());
    assertEquals("describe " + REPLICA, rds.calls.get(0));
    assertTrue(
        rds.calls.get(1).startsWith("tag " + REPLICA + " {" + ReplicaState.PROMOTED_AT_TAG + "="),
        "when, for telling a failover's promotion from a later failback's: " + rds.calls);
    java.time.Instant at =
        java.time.Instant.parse(rds.tagsOf(DR, REPLICA).get(ReplicaState.PROMOTED_AT_TAG));
    assertTrue(!at.isAfter(p.answeredAt()), at + " before the promotion's answer");
    assertEquals(
        List.of(
            "tag " + REPLICA + " {" + RdsTags.PROMOTED_FROM + "=" + SOURCE_ARN + "}",
            "promote " + REPLICA + " retention 7"),
        rds.calls.subList(2, 4),
        "marked before it is promoted");
  }

  // --- pollPromoted ----------------------------------------------------------------------

  @WorkflowInterface
  public interface PromotionWait {
    @WorkflowMethod
    InstanceInfo await(long deadlineEpochMilli);
  }

  /** The wait as a standby failover would make it: pollUntil options, one describe an attempt. */
  public static class PromotionWaitImpl implements PromotionWait {
    @Override
    public InstanceInfo await(long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      return Workflow.newActivityStub(
              RdsStandbyActivities.class, ActivityDefaults.pollUntil(deadline, "promotion"))
          .pollPromoted(DR, REPLICA, deadline);
    }
  }

  private PromotionWait promotionWait(String id) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(PromotionWaitImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            PromotionWait.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  private int attempts(String id) {
    return env.getWorkflowClient().fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }

  @Test
  void thePromotionIsDoneOnlyWhenAvailableAndNoSourceIsNamed() {
    replicaOfSource(
        look("modifying", SOURCE_ARN),
        look("backing-up", SOURCE_ARN),
        look("rebooting", SOURCE_ARN),
        look("available", SOURCE_ARN),
        look("available", null));

    InstanceInfo done =
        promotionWait("promote-1").await(Instant.now().plusSeconds(3600).toEpochMilli());

    assertEquals("available", done.status());
    assertEquals(5, rds.describes.get(), "available while still a replica is not done");
    assertEquals(5, attempts("promote-1"), "each poll one attempt");
  }

  /**
   * Poll by poll (each call one attempt), so the deadline is not a race with a loaded machine: a
   * promotion still modifying, then available but still a replica, and then the deadline.
   */
  @Test
  void aPromotionThatNeverFinishesEndsAtTheDeadlineNamingTheLastStatus() {
    replicaOfSource(look("modifying", SOURCE_ARN), look("available", SOURCE_ARN));
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(activities);
      RdsStandbyActivities a =
          one.newActivityStub(
              RdsStandbyActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      Instant later = Instant.now().plusSeconds(3600);

      ApplicationFailure modifying = failureOf(() -> a.pollPromoted(DR, REPLICA, later));
      assertEquals(dev.drrunbooks.model.Polls.NOT_YET, modifying.getType());
      ApplicationFailure stillReplica = failureOf(() -> a.pollPromoted(DR, REPLICA, later));
      assertEquals(dev.drrunbooks.model.Polls.NOT_YET, stillReplica.getType());
      assertTrue(
          stillReplica.getOriginalMessage().contains("available (still a read replica of"),
          stillReplica.getOriginalMessage());

      ApplicationFailure late =
          failureOf(() -> a.pollPromoted(DR, REPLICA, Instant.now().minusSeconds(1)));
      assertEquals("WaitDeadlineExceeded", late.getType());
      assertTrue(late.isNonRetryable());
      assertTrue(
          late.getOriginalMessage()
              .contains("still 'available (still a read replica of " + SOURCE_ARN),
          late.getOriginalMessage());
      assertEquals(3, rds.describes.get());
    } finally {
      one.close();
    }
  }

  private static ApplicationFailure failureOf(org.junit.jupiter.api.function.Executable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  @Test
  void aFailedStateEndsTheWaitAtOnce() {
    replicaOfSource(look("modifying", SOURCE_ARN), look("storage-full", SOURCE_ARN));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> promotionWait("promote-3").await(Instant.now().plusSeconds(3600).toEpochMilli()));

    ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, e.getCause().getCause());
    assertEquals("RdsBadState", af.getType());
    assertEquals(2, rds.describes.get());
  }

  @Test
  void onePollNamesThePauseBeforeTheNext() {
    replicaOfSource(look("rebooting", SOURCE_ARN));
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(activities);
      RdsStandbyActivities a =
          one.newActivityStub(
              RdsStandbyActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class,
              () -> a.pollPromoted(DR, REPLICA, Instant.now().plusSeconds(60)));

      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(dev.drrunbooks.model.Polls.NOT_YET, af.getType());
      assertFalse(af.isNonRetryable());
      assertEquals(Duration.ofMillis(10), af.getNextRetryDelay());
    } finally {
      one.close();
    }
  }

  // --- pollReplicaAvailable --------------------------------------------------------------

  private static DBInstanceStatusInfo replication(String status, boolean normal) {
    return DBInstanceStatusInfo.builder()
        .statusType("read replication")
        .status(status)
        .normal(normal)
        .build();
  }

  /** Poll by poll, each call one activity attempt, as a workflow's pollUntil stub makes them. */
  private <T> T oneAttempt(java.util.function.Function<RdsStandbyActivities, T> call) {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(activities);
      return call.apply(
          one.newActivityStub(
              RdsStandbyActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build()));
    } finally {
      one.close();
    }
  }

  @Test
  void aNewReplicaIsReadyOnlyOnceAvailableAndReplicatingNormally() {
    replicaOfSource(
        look("creating", SOURCE_ARN),
        new ScriptedStandbyRds.Look("available", SOURCE_ARN, List.of(replication("error", false))),
        new ScriptedStandbyRds.Look(
            "available", SOURCE_ARN, List.of(replication("replicating", true))));
    Instant later = Instant.now().plusSeconds(3600);

    ApplicationFailure creating =
        oneAttempt(a -> failureOf(() -> a.pollReplicaAvailable(DR, REPLICA, later)));
    ApplicationFailure inError =
        oneAttempt(a -> failureOf(() -> a.pollReplicaAvailable(DR, REPLICA, later)));
    ReplicaState ready = oneAttempt(a -> a.pollReplicaAvailable(DR, REPLICA, later));

    assertEquals(dev.drrunbooks.model.Polls.NOT_YET, creating.getType());
    assertTrue(creating.getOriginalMessage().contains("'creating'"), creating.getOriginalMessage());
    assertEquals(dev.drrunbooks.model.Polls.NOT_YET, inError.getType(), "an error may clear");
    assertTrue(
        inError.getOriginalMessage().contains("'available (read replication error)'"),
        inError.getOriginalMessage());
    assertEquals("available", ready.status());
    assertEquals(SOURCE_ARN, ready.sourceIdentifier());
    assertEquals("replicating", ready.replication());
    assertEquals(3, rds.describes.get());
  }

  @Test
  void aReplicaWithoutAReplicationEntryIsReadyOnceAvailableAsMotoReportsIt() {
    replicaOfSource(look("available", SOURCE_ARN));

    ReplicaState ready =
        oneAttempt(a -> a.pollReplicaAvailable(DR, REPLICA, Instant.now().plusSeconds(60)));

    assertEquals("available", ready.status());
    assertNull(ready.replication());
  }

  @Test
  void aReplicaThatIsNoneOrWhoseReplicationEndedForGoodEndsTheWaitAtOnce() {
    replicaOfSource(look("available", null));
    ApplicationFailure notReplica =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollReplicaAvailable(DR, REPLICA, Instant.now().plusSeconds(60))));
    assertEquals("RdsBadState", notReplica.getType());
    assertTrue(notReplica.isNonRetryable());
    assertTrue(
        notReplica.getOriginalMessage().contains("'available (not a read replica)'"),
        notReplica.getOriginalMessage());

    replicaOfSource(
        new ScriptedStandbyRds.Look(
            "available", SOURCE_ARN, List.of(replication("terminated", false))));
    ApplicationFailure terminated =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollReplicaAvailable(DR, REPLICA, Instant.now().plusSeconds(60))));
    assertEquals("RdsBadState", terminated.getType());
  }

  @Test
  void aReplicaStillCreatingAtTheDeadlineEndsTheWaitNamingItsStatus() {
    replicaOfSource(look("creating", SOURCE_ARN));

    ApplicationFailure late =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollReplicaAvailable(DR, REPLICA, Instant.now().minusSeconds(1))));

    assertEquals("WaitDeadlineExceeded", late.getType());
    assertTrue(late.isNonRetryable());
    assertTrue(late.getOriginalMessage().contains("still 'creating'"), late.getOriginalMessage());
  }

  // --- replicaLagSeconds -----------------------------------------------------------------

  private static CloudWatchClient lagOf(
      List<Datapoint> points, List<GetMetricStatisticsRequest> asked) {
    return ScriptedSdkClient.of(
        CloudWatchClient.class,
        "monitoring",
        (proxy, method, args) -> {
          if (args != null && args.length == 1 && args[0] instanceof GetMetricStatisticsRequest r) {
            asked.add(r);
            return GetMetricStatisticsResponse.builder().datapoints(points).build();
          }
          return ScriptedSdkClient.NOT_SCRIPTED;
        });
  }

  @Test
  void theLagIsTheNewestDatapointNotTheWorstAndNoDataIsNotZero() {
    Instant now = Instant.now();
    List<GetMetricStatisticsRequest> asked = new java.util.ArrayList<>();
    List<Datapoint> points =
        List.of(
            Datapoint.builder().timestamp(now.minusSeconds(180)).maximum(42.0).build(),
            Datapoint.builder().timestamp(now.minusSeconds(60)).maximum(3.0).build(),
            Datapoint.builder().timestamp(now.minusSeconds(120)).maximum(7.0).build());
    RdsStandbyActivitiesImpl withLag =
        new RdsStandbyActivitiesImpl(
            rds::client, region -> lagOf(points, asked), FAST, Clock.systemUTC());

    ReplicaLag lag = withLag.replicaLagSeconds(DR, REPLICA, Duration.ofMinutes(5));

    assertEquals(3.0, lag.seconds());
    assertEquals(now.minusSeconds(60), lag.at());
    assertEquals(3, lag.datapoints());
    GetMetricStatisticsRequest r = asked.get(0);
    assertEquals("AWS/RDS", r.namespace());
    assertEquals("ReplicaLag", r.metricName());
    assertEquals("DBInstanceIdentifier", r.dimensions().get(0).name());
    assertEquals(REPLICA, r.dimensions().get(0).value());
    assertEquals(Duration.ofMinutes(5), Duration.between(r.startTime(), r.endTime()));

    ReplicaLag none =
        new RdsStandbyActivitiesImpl(
                rds::client, region -> lagOf(List.of(), asked), FAST, Clock.systemUTC())
            .replicaLagSeconds(DR, REPLICA, Duration.ofMinutes(5));
    assertFalse(none.hasData());
    assertNull(none.seconds());
  }
}
