package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.ScriptedGlobalRds.changing;
import static dev.drrunbooks.aws.rds.ScriptedGlobalRds.clusterArn;
import static dev.drrunbooks.aws.rds.ScriptedGlobalRds.resyncing;
import static dev.drrunbooks.aws.rds.ScriptedGlobalRds.settled;
import static dev.drrunbooks.aws.rds.ScriptedGlobalRds.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.aws.ScriptedSdkClient;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterRequest;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterRequest;

/**
 * The Aurora global standby's activities against a scripted RDS that behaves as AWS documents what
 * moto does not model ({@link ScriptedGlobalRds}): an operation's FailoverState over several
 * describes, the writer changing only at its end, refusals while one is under way, lost answers;
 * and AuroraGlobalDBReplicationLag in milliseconds.
 */
class AuroraGlobalActivitiesTest {
  private static final String GLOBAL = "mycomputer-payments-global";
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String PRIMARY_ARN = clusterArn(PRIMARY, "payments-eu-west-1");
  private static final String SECONDARY_ARN = clusterArn(DR, "payments-eu-central-1");
  private static final String THIRD_ARN = clusterArn("us-east-1", "payments-us-east-1");
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final String QUEUE = "aurora-global";

  private final ScriptedGlobalRds rds =
      new ScriptedGlobalRds(GLOBAL, PRIMARY_ARN, SECONDARY_ARN, THIRD_ARN);
  private final AuroraGlobalActivitiesImpl activities =
      new AuroraGlobalActivitiesImpl(rds::client, region -> null, FAST, Clock.systemUTC());
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  // --- describeGlobalCluster -------------------------------------------------------------

  @Test
  void theGlobalClusterIsDescribedWithEachMembersRegionAndTheOperationUnderWay() {
    rds.looks(changing("failing-over", PRIMARY_ARN, "failing-over", SECONDARY_ARN, true));

    GlobalClusterState s = activities.describeGlobalCluster(DR, GLOBAL);

    assertTrue(s.found());
    assertEquals("failing-over", s.status());
    assertEquals(
        List.of(
            new GlobalMember(PRIMARY_ARN, PRIMARY, true, "connected"),
            new GlobalMember(SECONDARY_ARN, DR, false, "connected"),
            new GlobalMember(THIRD_ARN, "us-east-1", false, "connected")),
        s.members());
    assertEquals(PRIMARY_ARN, s.writerArn());
    assertEquals("failing-over", s.failoverStatus());
    assertEquals(SECONDARY_ARN, s.failoverTo());
    assertEquals(Boolean.TRUE, s.dataLossAllowed());
  }

  @Test
  void aMissingGlobalClusterIsNotFoundNotAFailure() {
    rds.looks(settled(PRIMARY_ARN));

    GlobalClusterState s = activities.describeGlobalCluster(DR, "no-such-global");

    assertFalse(s.found());
    assertEquals("no-such-global", s.globalClusterId());
    assertTrue(s.members().isEmpty());
  }

  // --- switchover and failover -----------------------------------------------------------

  @Test
  void aSwitchoverIsAskedWithTheTargetsArnAndReturnsTheAnswersStatus() {
    rds.looks(settled(PRIMARY_ARN))
        .whenChanged(changing("switching-over", PRIMARY_ARN, "pending", SECONDARY_ARN, false));

    String status = activities.switchover(DR, GLOBAL, SECONDARY_ARN);

    assertEquals("switching-over", status);
    SwitchoverGlobalClusterRequest asked =
        assertInstanceOf(SwitchoverGlobalClusterRequest.class, rds.changes.get(0));
    assertEquals(GLOBAL, asked.globalClusterIdentifier());
    assertEquals(SECONDARY_ARN, asked.targetDbClusterIdentifier());
  }

  @Test
  void aFailoverAllowsDataLoss() {
    rds.looks(settled(PRIMARY_ARN))
        .whenChanged(changing("failing-over", PRIMARY_ARN, "pending", SECONDARY_ARN, true));

    String status = activities.failoverAllowingDataLoss(DR, GLOBAL, SECONDARY_ARN);

    assertEquals("failing-over", status);
    FailoverGlobalClusterRequest asked =
        assertInstanceOf(FailoverGlobalClusterRequest.class, rds.changes.get(0));
    assertEquals(Boolean.TRUE, asked.allowDataLoss());
    assertNull(asked.switchover(), "AllowDataLoss and Switchover are exclusive");
    assertEquals(SECONDARY_ARN, asked.targetDbClusterIdentifier());
  }

  @Test
  void aTargetThatIsAlreadyTheWriterIsDoneWithoutAskingRds() {
    rds.looks(settled(SECONDARY_ARN));

    assertEquals(
        AuroraGlobalActivitiesImpl.ALREADY_WRITER,
        activities.switchover(DR, GLOBAL, SECONDARY_ARN));
    assertEquals(
        AuroraGlobalActivitiesImpl.ALREADY_WRITER,
        activities.failoverAllowingDataLoss(DR, GLOBAL, SECONDARY_ARN));
    assertTrue(rds.changes.isEmpty(), rds.changes.toString());
  }

  @Test
  void anOperationToTheTargetUnderWayIsNotAskedAgainEvenOnceItWrites() {
    rds.looks(
        changing("switching-over", PRIMARY_ARN, "pending", SECONDARY_ARN, false),
        changing("switching-over", SECONDARY_ARN, "failing-over", SECONDARY_ARN, false));

    assertEquals(
        AuroraGlobalActivitiesImpl.UNDER_WAY, activities.switchover(DR, GLOBAL, SECONDARY_ARN));
    assertEquals(
        AuroraGlobalActivitiesImpl.UNDER_WAY, activities.switchover(DR, GLOBAL, SECONDARY_ARN));
    assertTrue(rds.changes.isEmpty(), rds.changes.toString());
  }

  @Test
  void aTargetThatIsNotAMemberIsRefusedBeforeRdsIsAsked() {
    rds.looks(settled(PRIMARY_ARN));
    String stranger = clusterArn(DR, "inventory-eu-central-1");

    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.switchover(DR, GLOBAL, stranger));

    assertEquals("GlobalClusterMemberNotFound", e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains(stranger), e.getOriginalMessage());
    assertTrue(e.getOriginalMessage().contains(SECONDARY_ARN), "names the members");
    assertTrue(rds.changes.isEmpty());
  }

  @Test
  void aSwitchoverRefusedWhileAFailoverElsewhereIsUnderWayFailsWithRdsWords() {
    rds.looks(changing("failing-over", PRIMARY_ARN, "failing-over", THIRD_ARN, true));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> activities.switchover(DR, GLOBAL, SECONDARY_ARN));

    assertEquals(AuroraGlobalActivitiesImpl.REFUSED, e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(
        e.getOriginalMessage()
            .contains(
                "InvalidGlobalClusterStateFault: Global cluster "
                    + GLOBAL
                    + " is in failing-over state"),
        e.getOriginalMessage());
    assertTrue(
        e.getOriginalMessage().contains("failover failing-over to " + THIRD_ARN),
        e.getOriginalMessage());
    assertEquals(1, rds.changes.size(), "RDS was asked, and said no");
  }

  @Test
  void aSwitchoverWhoseAnswerWasLostIsUnderWayOnTheRetryNotAskedTwice() {
    rds.looks(settled(PRIMARY_ARN))
        .whenChanged(changing("switching-over", PRIMARY_ARN, "pending", SECONDARY_ARN, false));
    rds.loseChangeAnswer = true;

    // the SDK's exception itself, which Temporal's retry policy retries
    assertThrows(
        software.amazon.awssdk.core.exception.SdkClientException.class,
        () -> activities.switchover(DR, GLOBAL, SECONDARY_ARN));
    String retried = activities.switchover(DR, GLOBAL, SECONDARY_ARN);

    assertEquals(AuroraGlobalActivitiesImpl.UNDER_WAY, retried);
    assertEquals(1, rds.changes.size());
  }

  // --- pollWriter ------------------------------------------------------------------------

  @WorkflowInterface
  public interface WriterWait {
    @WorkflowMethod
    GlobalClusterState await(long deadlineEpochMilli);
  }

  /** The wait as a failover would make it: pollUntil options, one describe an attempt. */
  public static class WriterWaitImpl implements WriterWait {
    @Override
    public GlobalClusterState await(long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      AuroraGlobalActivities a =
          Workflow.newActivityStub(
              AuroraGlobalActivities.class, ActivityDefaults.pollUntil(deadline, "writer"));
      a.switchover(DR, GLOBAL, SECONDARY_ARN);
      return a.pollWriter(DR, GLOBAL, SECONDARY_ARN, deadline);
    }
  }

  @Test
  void aSwitchoverIsDoneOnlyOnceTheTargetWritesAndNoFailoverStateRemains() {
    rds.looks(settled(PRIMARY_ARN))
        .whenChanged(
            changing("switching-over", PRIMARY_ARN, "pending", SECONDARY_ARN, false),
            changing("switching-over", PRIMARY_ARN, "failing-over", SECONDARY_ARN, false),
            changing("switching-over", SECONDARY_ARN, "failing-over", SECONDARY_ARN, false),
            settled(SECONDARY_ARN));
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(WriterWaitImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    WriterWait wait =
        env.getWorkflowClient()
            .newWorkflowStub(
                WriterWait.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("switch-1").build());

    GlobalClusterState done = wait.await(Instant.now().plusSeconds(3600).toEpochMilli());

    assertEquals(SECONDARY_ARN, done.writerArn());
    assertNull(done.failoverStatus());
    assertEquals("available", done.status());
    assertEquals(1, rds.changes.size());
    // 1 before the switchover, then pending, failing-over, writing but still failing-over, done
    assertEquals(5, rds.describes.get(), "writing with a FailoverState left is not done");
    int pollAttempts =
        env.getWorkflowClient().fetchHistory("switch-1").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
            .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
            .max()
            .orElse(0);
    assertEquals(4, pollAttempts, "each poll one attempt");
  }

  @Test
  void onePollNamesWhatItSawAndTheDeadlineEndsTheWait() {
    rds.looks(changing("switching-over", PRIMARY_ARN, "pending", SECONDARY_ARN, false));

    ApplicationFailure pending =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollWriter(DR, GLOBAL, SECONDARY_ARN, Instant.now().plusSeconds(60))));
    ApplicationFailure late =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollWriter(DR, GLOBAL, SECONDARY_ARN, Instant.now().minusSeconds(1))));

    assertEquals(Polls.NOT_YET, pending.getType());
    assertFalse(pending.isNonRetryable());
    assertEquals(Duration.ofMillis(10), pending.getNextRetryDelay());
    assertTrue(
        pending.getOriginalMessage().contains("switchover pending to " + SECONDARY_ARN),
        pending.getOriginalMessage());
    assertEquals("WaitDeadlineExceeded", late.getType());
    assertTrue(late.isNonRetryable());
    assertTrue(
        late.getOriginalMessage().contains("writer " + PRIMARY_ARN), late.getOriginalMessage());
  }

  @Test
  void aCancelledOperationOrOneToAnotherClusterEndsTheWaitAtOnce() {
    rds.looks(changing("available", PRIMARY_ARN, "cancelling", SECONDARY_ARN, false));
    ApplicationFailure cancelled =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollWriter(DR, GLOBAL, SECONDARY_ARN, Instant.now().plusSeconds(60))));
    assertEquals(AuroraGlobalActivitiesImpl.BAD_STATE, cancelled.getType());
    assertTrue(cancelled.isNonRetryable());

    rds.looks(changing("failing-over", PRIMARY_ARN, "failing-over", THIRD_ARN, true));
    ApplicationFailure elsewhere =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollWriter(DR, GLOBAL, SECONDARY_ARN, Instant.now().plusSeconds(60))));
    assertEquals(AuroraGlobalActivitiesImpl.BAD_STATE, elsewhere.getType());
    assertTrue(elsewhere.getOriginalMessage().contains(THIRD_ARN), elsewhere.getOriginalMessage());
  }

  @Test
  void aWaitForAClusterThatIsNotAMemberFailsAtOnce() {
    rds.looks(settled(PRIMARY_ARN));
    ApplicationFailure e =
        oneAttempt(
            a ->
                failureOf(
                    () ->
                        a.pollWriter(
                            DR,
                            GLOBAL,
                            clusterArn(DR, "inventory-eu-central-1"),
                            Instant.now().plusSeconds(60))));
    assertEquals("GlobalClusterMemberNotFound", e.getType());
  }

  // --- pollSecondary ---------------------------------------------------------------------

  @Test
  void theOldPrimaryPendingResyncIsNotYetAndConnectedIsASecondaryAgain() {
    rds.looks(resyncing(SECONDARY_ARN, PRIMARY_ARN));
    ApplicationFailure pending =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollSecondary(DR, GLOBAL, PRIMARY_ARN, Instant.now().plusSeconds(60))));
    assertEquals(Polls.NOT_YET, pending.getType());
    assertFalse(pending.isNonRetryable());
    assertTrue(
        pending.getOriginalMessage().contains("pending-resync"), pending.getOriginalMessage());

    rds.looks(settled(SECONDARY_ARN));
    GlobalClusterState back =
        oneAttempt(a -> a.pollSecondary(DR, GLOBAL, PRIMARY_ARN, Instant.now().plusSeconds(60)));
    GlobalMember old = back.member(PRIMARY_ARN).orElseThrow();
    assertFalse(old.writer());
    assertEquals("connected", old.synchronizationStatus());
    assertEquals(2, rds.describes.get(), "one describe a poll");
  }

  @Test
  void aRemovedOldPrimaryOrOneStillWritingEndsTheSecondaryWaitAtOnce() {
    rds.looks(without(SECONDARY_ARN, PRIMARY_ARN));
    ApplicationFailure removed =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollSecondary(DR, GLOBAL, PRIMARY_ARN, Instant.now().plusSeconds(60))));
    assertEquals("GlobalClusterMemberNotFound", removed.getType());
    assertTrue(removed.isNonRetryable());
    assertTrue(
        removed.getOriginalMessage().contains("re-adds no removed cluster"),
        removed.getOriginalMessage());

    rds.looks(settled(PRIMARY_ARN));
    ApplicationFailure writing =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollSecondary(DR, GLOBAL, PRIMARY_ARN, Instant.now().plusSeconds(60))));
    assertEquals(AuroraGlobalActivitiesImpl.BAD_STATE, writing.getType());
    assertTrue(writing.isNonRetryable());

    rds.looks(resyncing(SECONDARY_ARN, PRIMARY_ARN));
    ApplicationFailure late =
        oneAttempt(
            a ->
                failureOf(
                    () -> a.pollSecondary(DR, GLOBAL, PRIMARY_ARN, Instant.now().minusSeconds(1))));
    assertEquals("WaitDeadlineExceeded", late.getType());
    assertTrue(late.getOriginalMessage().contains("pending-resync"), late.getOriginalMessage());
  }

  /** One activity call in a test environment: one attempt, as one poll of a pollUntil wait. */
  private <T> T oneAttempt(Function<AuroraGlobalActivities, T> call) {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(activities);
      return call.apply(
          one.newActivityStub(
              AuroraGlobalActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build()));
    } finally {
      one.close();
    }
  }

  private static ApplicationFailure failureOf(org.junit.jupiter.api.function.Executable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  // --- replicationLag --------------------------------------------------------------------

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
  void theLagIsTheNewestDatapointsMaximumInSecondsFromMilliseconds() {
    Instant now = Instant.now();
    List<GetMetricStatisticsRequest> asked = new ArrayList<>();
    List<Datapoint> points =
        List.of(
            Datapoint.builder().timestamp(now.minusSeconds(180)).maximum(42_000.0).build(),
            Datapoint.builder().timestamp(now.minusSeconds(60)).maximum(1_500.0).build(),
            Datapoint.builder().timestamp(now.minusSeconds(120)).maximum(700.0).build());
    AuroraGlobalActivitiesImpl withLag =
        new AuroraGlobalActivitiesImpl(
            rds::client, region -> lagOf(points, asked), FAST, Clock.systemUTC());

    ReplicaLag lag = withLag.replicationLag(DR, "payments-eu-central-1", Duration.ofMinutes(5));

    assertEquals(1.5, lag.seconds(), "1500 ms, the newest, not the worst");
    assertEquals(now.minusSeconds(60), lag.at());
    assertEquals(3, lag.datapoints());
    GetMetricStatisticsRequest r = asked.get(0);
    assertEquals("AWS/RDS", r.namespace());
    assertEquals("AuroraGlobalDBReplicationLag", r.metricName());
    assertEquals("DBClusterIdentifier", r.dimensions().get(0).name());
    assertEquals("payments-eu-central-1", r.dimensions().get(0).value());
    assertEquals(Duration.ofMinutes(5), Duration.between(r.startTime(), r.endTime()));
  }

  @Test
  void noDatapointIsNoDataNeverZero() {
    AuroraGlobalActivitiesImpl withoutLag =
        new AuroraGlobalActivitiesImpl(
            rds::client, region -> lagOf(List.of(), new ArrayList<>()), FAST, Clock.systemUTC());

    ReplicaLag none = withoutLag.replicationLag(DR, "payments-eu-central-1", Duration.ofMinutes(5));

    assertFalse(none.hasData());
    assertNull(none.seconds());
  }
}
