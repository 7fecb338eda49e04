package dev.drrunbooks.aws.cfn;

import static dev.drrunbooks.aws.cfn.StackWaitTest.NAME;
import static dev.drrunbooks.aws.cfn.StackWaitTest.REGION;
import static dev.drrunbooks.aws.cfn.StackWaitTest.ROLLED_BACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.cfn.CloudFormationActivities;
import dev.drrunbooks.aws.cfn.StackWaitTest.ScriptedCfn;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Polls;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stack waits polled one activity attempt at a time (issue 16: waits that hold no worker
 * thread): each attempt is one describe-stacks; "not yet" is a retryable failure naming the pause
 * before the next poll; a failed or rolled-back stack and the deadline end the retries. With the
 * scripted CloudFormation client of {@link StackWaitTest} (moto never shows a stack in progress).
 */
class StackPollPerAttemptTest {
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final String QUEUE = "stack-polls";

  @WorkflowInterface
  public interface StackWait {
    /** {@code created}: until CREATE_COMPLETE, else until gone; returns the status reached. */
    @WorkflowMethod
    String await(boolean created, long deadlineEpochMilli);
  }

  /** The waits as the drill makes them: pollUntil options, pollStackCreated / pollStackDeleted. */
  public static class StackWaitImpl implements StackWait {
    @Override
    public String await(boolean created, long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      CloudFormationActivities waiting =
          Workflow.newActivityStub(
              CloudFormationActivities.class, ActivityDefaults.pollUntil(deadline, "wait"));
      return created
          ? waiting.pollStackCreated(REGION, NAME, deadline).status()
          : waiting.pollStackDeleted(REGION, NAME, deadline);
    }
  }

  private final ScriptedCfn cfn = new ScriptedCfn();
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private StackWait waits(String id) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(StackWaitImpl.class);
    worker.registerActivitiesImplementations(
        new CloudFormationActivitiesImpl(region -> cfn, Path.of("."), FAST));
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            StackWait.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  private int attempts(String id) {
    return env.getWorkflowClient().fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }

  private static long inAnHour() {
    return Instant.now().plusSeconds(3600).toEpochMilli();
  }

  private static ApplicationFailure rootOf(WorkflowFailedException e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause().getCause(), e.toString());
  }

  @Test
  void eachPollIsOneAttemptAndTheCreateWaitEndsAtCreateComplete() {
    cfn.statuses("CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE");

    assertEquals("CREATE_COMPLETE", waits("stack-poll-1").await(true, inAnHour()));

    assertEquals(3, cfn.describes.get(), "one describe per attempt");
    assertEquals(3, attempts("stack-poll-1"), "the polls were the server's retries, not a loop");
  }

  @Test
  void aRolledBackStackEndsTheRetriesWithItsFailedEvents() {
    cfn.statuses("CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "CREATE_COMPLETE");
    cfn.events = ROLLED_BACK;

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class, () -> waits("stack-poll-2").await(true, inAnHour()));

    ApplicationFailure af = rootOf(e);
    assertEquals("StackFailed", af.getType());
    assertTrue(af.isNonRetryable());
    assertTrue(
        af.getOriginalMessage().contains("PrivateSubnetB (AWS::EC2::Subnet) CREATE_FAILED"),
        af.getOriginalMessage());
    assertEquals(2, cfn.describes.get(), "no poll after the rollback began");
  }

  @Test
  void theDeleteWaitEndsWhenTheStackIsGoneAndFailsAtDeleteFailed() {
    cfn.statuses("DELETE_IN_PROGRESS", "DELETE_IN_PROGRESS", null);
    assertEquals("gone", waits("stack-poll-3").await(false, inAnHour()));
    assertEquals(3, attempts("stack-poll-3"));
    env.close();

    cfn.statuses("DELETE_IN_PROGRESS", "DELETE_FAILED");
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class, () -> waits("stack-poll-4").await(false, inAnHour()));
    ApplicationFailure af = rootOf(e);
    assertEquals("StackDeleteFailed", af.getType());
    assertTrue(af.isNonRetryable());
    assertEquals(2, attempts("stack-poll-4"));
  }

  @Test
  void theDeadlineEndsTheRetries() {
    cfn.statuses("CREATE_IN_PROGRESS");
    StackWait wait = waits("stack-poll-5");
    long deadline = Instant.now().plusMillis(1000).toEpochMilli(); // after the start-up

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> wait.await(true, deadline));

    ApplicationFailure af = rootOf(e);
    assertEquals("WaitDeadlineExceeded", af.getType());
    assertTrue(af.isNonRetryable());
    assertTrue(cfn.describes.get() >= 2, "polled until the deadline: " + cfn.describes.get());
  }

  @Test
  void notYetNamesThePauseBeforeTheNextPoll() {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(
          new CloudFormationActivitiesImpl(region -> cfn, Path.of("."), FAST));
      CloudFormationActivities a =
          one.newActivityStub(
              CloudFormationActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      cfn.statuses("CREATE_IN_PROGRESS");

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class,
              () -> a.pollStackCreated(REGION, NAME, Instant.now().plusSeconds(60)));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(Polls.NOT_YET, af.getType());
      assertFalse(af.isNonRetryable());
      assertEquals(Duration.ofMillis(10), af.getNextRetryDelay(), "FAST's first pause");
      assertEquals(
          "CloudFormation stack '"
              + NAME
              + "' in eu-west-1 is 'CREATE_IN_PROGRESS' (poll 1); next poll in PT0.01S",
          af.getOriginalMessage());

      ActivityFailure noDeadline =
          assertThrows(ActivityFailure.class, () -> a.pollStackDeleted(REGION, NAME, null));
      ApplicationFailure bad = assertInstanceOf(ApplicationFailure.class, noDeadline.getCause());
      assertEquals("InvalidInput", bad.getType());
      assertTrue(bad.isNonRetryable());
      assertEquals(1, cfn.describes.get(), "a wait without a deadline describes nothing");

      cfn.statuses((String) null);
      ActivityFailure missing =
          assertThrows(
              ActivityFailure.class,
              () -> a.pollStackCreated(REGION, NAME, Instant.now().plusSeconds(60)));
      ApplicationFailure gone = assertInstanceOf(ApplicationFailure.class, missing.getCause());
      assertEquals("StackNotFound", gone.getType());
      assertTrue(gone.isNonRetryable());
    } finally {
      one.close();
    }
  }

  @Test
  void theWorkersCadenceIsTheStackWaitersThirtySecondsAtMost() {
    assertEquals(
        java.util.List.of(2L, 4L, 8L, 16L, 30L, 30L),
        java.util.List.of(1, 2, 3, 4, 5, 50).stream()
            .map(n -> Polling.DEFAULT.intervalAfter(n).toSeconds())
            .toList());
  }
}
