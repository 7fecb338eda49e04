package dev.drrunbooks.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.aws.route53.AwaitInSyncTest.ScriptedRoute53;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Route53 INSYNC wait polled one activity attempt at a time (issue 16: waits that hold no
 * worker thread): each attempt is one GetChange; PENDING is a retryable "not yet" naming the pause
 * before the next poll; an unknown change and the deadline end the retries.
 */
class InSyncPollPerAttemptTest {
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final String QUEUE = "dns-polls";

  @WorkflowInterface
  public interface InSyncWait {
    @WorkflowMethod
    String await(String changeId, long deadlineEpochMilli);
  }

  /** The wait as the DNS failover makes it: pollUntil options, pollInSync. */
  public static class InSyncWaitImpl implements InSyncWait {
    @Override
    public String await(String changeId, long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      return Workflow.newActivityStub(
              Route53Activities.class, ActivityDefaults.pollUntil(deadline, "wait"))
          .pollInSync(changeId, deadline);
    }
  }

  private final ScriptedRoute53 route53 = new ScriptedRoute53();
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private InSyncWait waits(String id) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(InSyncWaitImpl.class);
    worker.registerActivitiesImplementations(new Route53ActivitiesImpl(() -> route53, FAST));
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(
            InSyncWait.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  private int attempts(String id) {
    return env.getWorkflowClient().fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }

  private static ApplicationFailure rootOf(WorkflowFailedException e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause().getCause(), e.toString());
  }

  @Test
  void eachPollIsOneAttemptAndTheWaitEndsAtInSync() {
    route53.statuses("PENDING", "PENDING", "INSYNC");

    assertEquals(
        "INSYNC",
        waits("dns-poll-1").await("/change/C1", Instant.now().plusSeconds(3600).toEpochMilli()));

    assertEquals(3, route53.calls.get(), "one GetChange per attempt");
    assertEquals(List.of("C1", "C1", "C1"), route53.ids);
    assertEquals(3, attempts("dns-poll-1"), "the polls were the server's retries, not a loop");
  }

  @Test
  void anUnknownChangeEndsTheRetries() {
    route53.statuses("PENDING", "gone");

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                waits("dns-poll-2").await("C404", Instant.now().plusSeconds(3600).toEpochMilli()));

    ApplicationFailure af = rootOf(e);
    assertTrue(af.isNonRetryable());
    assertTrue(af.getOriginalMessage().contains("NoSuchChange"), af.getOriginalMessage());
    assertEquals(2, route53.calls.get());
  }

  @Test
  void theDeadlineEndsTheRetries() {
    route53.statuses("PENDING");
    InSyncWait wait = waits("dns-poll-3");
    long deadline = Instant.now().plusMillis(1000).toEpochMilli(); // after the start-up

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> wait.await("C1", deadline));

    ApplicationFailure af = rootOf(e);
    assertEquals("WaitDeadlineExceeded", af.getType());
    assertTrue(af.isNonRetryable());
    assertTrue(route53.calls.get() >= 2, "polled until the deadline: " + route53.calls.get());
  }

  @Test
  void notYetNamesThePauseBeforeTheNextPoll() {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(new Route53ActivitiesImpl(() -> route53, FAST));
      Route53Activities a =
          one.newActivityStub(
              Route53Activities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      route53.statuses("PENDING");

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class, () -> a.pollInSync("C1", Instant.now().plusSeconds(60)));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(Polls.NOT_YET, af.getType());
      assertFalse(af.isNonRetryable());
      assertEquals(Duration.ofMillis(10), af.getNextRetryDelay(), "FAST's first pause");
      assertEquals(
          "Route53 change 'C1' is 'PENDING' (poll 1); next poll in PT0.01S",
          af.getOriginalMessage());
    } finally {
      one.close();
    }
  }

  @Test
  void theWorkersCadenceIsDenserThanTheChangeWaitersThirtySeconds() {
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 10L, 10L),
        List.of(1, 2, 3, 4, 5, 50).stream()
            .map(n -> Route53ActivitiesImpl.DNS_POLLING.intervalAfter(n).toSeconds())
            .toList());
  }
}
