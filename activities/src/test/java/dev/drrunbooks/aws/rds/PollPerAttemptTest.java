package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The restore wait polled one activity attempt at a time (issue 16: waits that hold no worker
 * thread): each attempt describes once; "not yet" is a retryable failure naming the pause before
 * the next poll, so between polls the wait is the server's retry timer. With a scripted RDS client
 * (moto's instances are available at once).
 */
class PollPerAttemptTest {
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final String QUEUE = "polls";

  @WorkflowInterface
  public interface Waits {
    @WorkflowMethod
    InstanceInfo await(String instanceId, long deadlineEpochMilli);
  }

  /** The wait as RestoreSteps makes it: pollUntil options, pollInstanceAvailable. */
  public static class WaitsImpl implements Waits {
    @Override
    public InstanceInfo await(String instanceId, long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      return Workflow.newActivityStub(
              RdsRestoreActivities.class, ActivityDefaults.pollUntil(deadline, "wait"))
          .pollInstanceAvailable("eu-west-1", instanceId, deadline);
    }
  }

  /** The wait as RestoreSteps makes it for a run begun since the first describe was deferred. */
  public static class DeferredWaitsImpl implements Waits {
    @Override
    public InstanceInfo await(String instanceId, long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      return Workflow.newActivityStub(
              RdsRestoreActivities.class, ActivityDefaults.pollUntil(deadline, "wait"))
          .pollRestoredInstanceAvailable("eu-west-1", instanceId, "db.t3.micro", deadline, null);
    }
  }

  /**
   * The deferred wait as a run scheduled it before the restore's answer time was passed: four
   * arguments, as recorded in its history before the worker was upgraded.
   */
  public static class FourArgumentWaitsImpl implements Waits {
    @Override
    public InstanceInfo await(String instanceId, long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      return Workflow.newUntypedActivityStub(ActivityDefaults.pollUntil(deadline, "wait"))
          .execute(
              "RdsPollRestoredInstanceAvailable",
              InstanceInfo.class,
              "eu-west-1",
              instanceId,
              "db.t3.micro",
              deadline);
    }
  }

  /** A 20 s restore expected (the sandbox's): the deferred first describe is at 22 s. */
  private static final RestoreExpectation TWENTY_SECONDS =
      RestoreExpectation.around(Duration.ofSeconds(20), 0.8, 1.2, "test");

  private final List<String> classesAsked = new CopyOnWriteArrayList<>();
  private final ExpectedRestoreDurations expected =
      instanceClass -> {
        classesAsked.add(String.valueOf(instanceClass));
        return TWENTY_SECONDS;
      };

  private final AwaitAvailableTest.ScriptedRds rds = new AwaitAvailableTest.ScriptedRds();
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private Waits waits(String id) {
    return waits(id, WaitsImpl.class, new RdsRestoreActivitiesImpl(region -> rds, FAST));
  }

  private Waits waits(String id, Class<? extends Waits> impl, RdsRestoreActivitiesImpl activities) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(impl);
    worker.registerActivitiesImplementations(activities);
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            Waits.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  /** The attempt of the wait activity's started event: how many polls the server scheduled. */
  private int attempts(String id) {
    WorkflowClient client = env.getWorkflowClient();
    return client.fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }

  @Test
  void eachPollIsOneAttemptAndTheWaitEndsWhenTheInstanceIsAvailable() {
    rds.statuses("creating", "creating", "backing-up", "available");

    InstanceInfo info =
        waits("poll-1").await("db-1", Instant.now().plusSeconds(3600).toEpochMilli());

    assertEquals("available", info.status());
    assertEquals(4, rds.describes.get(), "one describe per attempt");
    assertEquals(4, attempts("poll-1"), "the polls were the server's retries, not a loop");
  }

  @Test
  void aDeferredWaitDescribesNothingInItsFirstAttemptAndCountsItsPollsFromTheSecond() {
    rds.statuses("creating", "available");

    InstanceInfo info =
        waits(
                "poll-deferred",
                DeferredWaitsImpl.class,
                new RdsRestoreActivitiesImpl(region -> rds, FAST, expected))
            .await("db-1", Instant.now().plusSeconds(3600).toEpochMilli());

    assertEquals("available", info.status());
    assertEquals(2, rds.describes.get(), "no describe in the first attempt");
    assertEquals(3, attempts("poll-deferred"));
    assertTrue(classesAsked.contains("db.t3.micro"), "the class the restore answered");
    assertEquals(
        1,
        env.getWorkflowClient().fetchHistory("poll-deferred").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .mapToInt(
                e -> e.getActivityTaskScheduledEventAttributes().getPriority().getPriorityKey())
            .max()
            .orElse(0),
        "polls go first in the task queue (ActivityDefaults.POLL_PRIORITY)");
  }

  /** The worker reads a missing last argument as null: counted from the wait's scheduling. */
  @Test
  void aDeferredWaitScheduledWithFourArgumentsStillWaits() {
    rds.statuses("creating", "available");

    InstanceInfo info =
        waits(
                "poll-four-arguments",
                FourArgumentWaitsImpl.class,
                new RdsRestoreActivitiesImpl(region -> rds, FAST, expected))
            .await("db-1", Instant.now().plusSeconds(3600).toEpochMilli());

    assertEquals("available", info.status());
    assertEquals(2, rds.describes.get(), "no describe in the first attempt");
    assertEquals(3, attempts("poll-four-arguments"));
  }

  @Test
  void theFirstAttemptOfADeferredWaitNamesThePauseUntilTheCadencesFirstPoll() {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(
          new RdsRestoreActivitiesImpl(region -> rds, FAST, expected));
      RdsRestoreActivities a =
          one.newActivityStub(
              RdsRestoreActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class,
              () ->
                  a.pollRestoredInstanceAvailable(
                      "eu-west-1", "db-1", "db.t3.micro", Instant.now().plusSeconds(60), null));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(Polls.NOT_YET, af.getType());
      assertEquals(0, rds.describes.get());
      Duration first = af.getNextRetryDelay();
      assertTrue(
          first.compareTo(Duration.ofSeconds(21)) > 0
              && first.compareTo(Duration.ofSeconds(22)) <= 0,
          "22 s after the wait was scheduled, was " + first);
      assertTrue(af.getOriginalMessage().contains("not described yet; first poll in"));

      // never past the deadline: a wait with 5 s left looks at its deadline
      ActivityFailure soon =
          assertThrows(
              ActivityFailure.class,
              () ->
                  a.pollRestoredInstanceAvailable(
                      "eu-west-1", "db-1", "db.t3.micro", Instant.now().plusSeconds(5), null));
      Duration capped =
          assertInstanceOf(ApplicationFailure.class, soon.getCause()).getNextRetryDelay();
      assertTrue(capped.compareTo(Duration.ofSeconds(5)) <= 0, capped.toString());

      // counted from the restore's answer: the 8 s the run took to schedule the wait are spent
      Duration fromAnswer =
          firstPause(a, Instant.now().minusSeconds(8), Instant.now().plusSeconds(60));
      assertTrue(
          fromAnswer.compareTo(Duration.ofSeconds(13)) > 0
              && fromAnswer.compareTo(Duration.ofSeconds(14)) <= 0,
          "22 s after the restore was answered, 8 s before the wait, was " + fromAnswer);
      // an answer stamped ahead of this worker's clock counts from the wait's scheduling
      Duration ahead = firstPause(a, Instant.now().plusSeconds(30), Instant.now().plusSeconds(60));
      assertTrue(ahead.compareTo(Duration.ofSeconds(21)) > 0, ahead.toString());
    } finally {
      one.close();
    }
  }

  /** The pause a deferred wait's first attempt names. */
  private static Duration firstPause(
      RdsRestoreActivities a, Instant restoreAnsweredAt, Instant deadline) {
    ActivityFailure notYet =
        assertThrows(
            ActivityFailure.class,
            () ->
                a.pollRestoredInstanceAvailable(
                    "eu-west-1", "db-1", "db.t3.micro", deadline, restoreAnsweredAt));
    return assertInstanceOf(ApplicationFailure.class, notYet.getCause()).getNextRetryDelay();
  }

  @Test
  void aStateItCannotRecoverFromEndsTheRetries() {
    rds.statuses("creating", "incompatible-restore", "available");

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> waits("poll-2").await("db-1", Instant.now().plusSeconds(3600).toEpochMilli()));

    ApplicationFailure af =
        assertInstanceOf(ApplicationFailure.class, e.getCause().getCause(), e.toString());
    assertEquals("RdsBadState", af.getType());
    assertEquals(2, rds.describes.get());
  }

  @Test
  void notYetNamesThePauseBeforeTheNextPollAndPastTheDeadlineItStops() {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(new RdsRestoreActivitiesImpl(region -> rds, FAST));
      RdsRestoreActivities a =
          one.newActivityStub(
              RdsRestoreActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      rds.statuses("creating");

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class,
              () -> a.pollInstanceAvailable("eu-west-1", "db-1", Instant.now().plusSeconds(60)));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(Polls.NOT_YET, af.getType());
      assertTrue(!af.isNonRetryable());
      assertEquals(Duration.ofMillis(10), af.getNextRetryDelay(), "FAST's first pause");
      assertEquals(
          ApplicationErrorCategory.BENIGN,
          af.getCategory(),
          "not logged at WARN, not counted as failed");
      assertEquals(
          "RDS instance 'db-1' in eu-west-1 is 'creating' (poll 1); next poll in PT0.01S",
          af.getOriginalMessage());

      Instant past = Instant.now().minusSeconds(1);
      ActivityFailure late =
          assertThrows(
              ActivityFailure.class, () -> a.pollInstanceAvailable("eu-west-1", "db-1", past));
      ApplicationFailure stop = assertInstanceOf(ApplicationFailure.class, late.getCause());
      assertEquals("WaitDeadlineExceeded", stop.getType());
      assertTrue(stop.isNonRetryable());
    } finally {
      one.close();
    }
  }

  @Test
  void aSnapshotPollThatFindsItCopyingNamesThePauseAndOneThatFindsItAvailableReturnsIt() {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(new RdsSnapshotActivitiesImpl(region -> rds, FAST));
      dev.drrunbooks.activities.rds.RdsSnapshotActivities a =
          one.newActivityStub(
              dev.drrunbooks.activities.rds.RdsSnapshotActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      rds.statuses("copying", "available");

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class,
              () -> a.pollSnapshotAvailable("eu-west-1", "snap-1", Instant.now().plusSeconds(60)));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(Polls.NOT_YET, af.getType());
      assertEquals(Duration.ofMillis(10), af.getNextRetryDelay());

      assertEquals(
          "available",
          a.pollSnapshotAvailable("eu-west-1", "snap-1", Instant.now().plusSeconds(60)).status());
      assertEquals(2, rds.describes.get(), "one describe per poll");
    } finally {
      one.close();
    }
  }
}
