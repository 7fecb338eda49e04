package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
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
import java.time.Duration;
import java.time.Instant;
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

  private final AwaitAvailableTest.ScriptedRds rds = new AwaitAvailableTest.ScriptedRds();
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private Waits waits(String id) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(WaitsImpl.class);
    worker.registerActivitiesImplementations(new RdsRestoreActivitiesImpl(region -> rds, FAST));
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
