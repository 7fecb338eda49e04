package dev.drrunbooks.aws.ecs;

import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.CLUSTER;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.OLD;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.REGION;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.SERVICE;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.STABLE;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.deployment;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.rolling;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.service;
import static dev.drrunbooks.aws.ecs.AwaitSteadyTest.steady;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsRollback;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.aws.ecs.AwaitSteadyTest.ScriptedEcs;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ECS steady wait polled one activity attempt at a time (issue 16: waits that hold no worker
 * thread): each attempt is one describe-services; "not yet" is a retryable failure naming the pause
 * before the next poll; a FAILED rollout or a settled rollback ends the retries as a failure, never
 * as success; the deadline ends them; and a worker that goes away between polls leaves nothing
 * behind that the next worker cannot pick up. With a scripted ECS client (moto never shows a
 * deployment in progress or rolled back).
 */
class SteadyPollPerAttemptTest {
  private static final String QUEUE = "ecs-polls";

  /** Where the restart test runs its workflow: a worker that stays while activity workers go. */
  private static final String WORKFLOWS_ONLY = "ecs-poll-workflows";

  private static final Duration FAST_FIRST = Duration.ofMillis(10);

  @WorkflowInterface
  public interface SteadyWait {
    @WorkflowMethod
    EcsServiceState await(String taskDefinition, long deadlineEpochMilli);
  }

  /** The wait as the ECS recovery makes it: pollUntil options, pollSteadyOn (or pollSteady). */
  public static class SteadyWaitImpl implements SteadyWait {
    @Override
    public EcsServiceState await(String taskDefinition, long deadlineEpochMilli) {
      Instant deadline = Instant.ofEpochMilli(deadlineEpochMilli);
      ActivityOptions options = ActivityDefaults.pollUntil(deadline, "wait");
      if (Workflow.getInfo().getTaskQueue().equals(WORKFLOWS_ONLY))
        options = ActivityOptions.newBuilder(options).setTaskQueue(QUEUE).build();
      EcsActivities waiting = Workflow.newActivityStub(EcsActivities.class, options);
      return taskDefinition == null
          ? waiting.pollSteady(REGION, CLUSTER, SERVICE, deadline)
          : waiting.pollSteadyOn(REGION, CLUSTER, SERVICE, taskDefinition, deadline);
    }
  }

  private final ScriptedEcs ecs = new ScriptedEcs();
  private TestWorkflowEnvironment env;

  @AfterEach
  void stop() {
    if (env != null) env.close();
  }

  private static EcsActivitiesImpl fast(ScriptedEcs client) {
    return new EcsActivitiesImpl(region -> client, FAST_FIRST, Duration.ofMillis(40));
  }

  /** The worker's own cadence: 2 s doubling to 15 s. */
  private static EcsActivitiesImpl real(ScriptedEcs client) {
    return new EcsActivitiesImpl(
        region -> client,
        EcsActivitiesImpl.DEFAULT_INITIAL_POLL,
        EcsActivitiesImpl.DEFAULT_MAX_POLL);
  }

  private SteadyWait waits(String id) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(SteadyWaitImpl.class);
    worker.registerActivitiesImplementations(fast(ecs));
    env.start();
    return stub(id);
  }

  private SteadyWait stub(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            SteadyWait.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  /** The attempt of the wait activity's last started event: how many polls the server ran. */
  private int attempts(String id) {
    WorkflowClient client = env.getWorkflowClient();
    return client.fetchHistory(id).getEvents().stream()
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
  void eachPollIsOneAttemptAndTheWaitEndsWhenSteadyOnTheRequestedTaskDefinition() {
    ecs.script(rolling(0, 5, 5), rolling(3, 5, 2), steady(5));

    EcsServiceState state = waits("ecs-poll-1").await(STABLE, inAnHour());

    assertEquals(new EcsServiceState(CLUSTER, SERVICE, STABLE, 5, 5, 0, 1, "ACTIVE"), state);
    assertEquals(3, ecs.describes.get(), "one describe per attempt");
    assertEquals(3, attempts("ecs-poll-1"), "the polls were the server's retries, not a loop");
  }

  @Test
  void aFailedRolloutEndsTheRetriesAsAFailure() {
    ecs.script(
        rolling(1, 5, 4),
        service(
            STABLE,
            1,
            5,
            0,
            deployment("ecs-svc/new", "PRIMARY", STABLE, "FAILED", "tasks failed to start"),
            deployment("ecs-svc/old", "ACTIVE", OLD, "COMPLETED", null)),
        steady(5));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class, () -> waits("ecs-poll-2").await(null, inAnHour()));

    ApplicationFailure af = rootOf(e);
    assertEquals("EcsDeploymentFailed", af.getType());
    assertTrue(af.isNonRetryable());
    assertEquals(2, ecs.describes.get(), "no poll after the failed rollout");
  }

  @Test
  void aRollbackIsNotYetWhileUnderWayAndAFailureOnceItSettledNeverSuccess() {
    // the circuit breaker rolls back to OLD: under way, then settled (steady, but on OLD)
    ecs.script(
        rolling(2, 5, 3),
        service(
            OLD,
            2,
            5,
            3,
            deployment("ecs-svc/rollback", "PRIMARY", OLD, "IN_PROGRESS", null),
            deployment("ecs-svc/new", "ACTIVE", STABLE, "FAILED", "tasks failed to start")),
        service(
            OLD,
            5,
            5,
            0,
            deployment("ecs-svc/rollback", "PRIMARY", OLD, "COMPLETED", null),
            deployment("ecs-svc/new", "ACTIVE", STABLE, "FAILED", "tasks failed to start")));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class, () -> waits("ecs-poll-3").await(STABLE, inAnHour()));

    ApplicationFailure af = rootOf(e);
    assertEquals(EcsRollback.TYPE, af.getType());
    assertTrue(af.isNonRetryable());
    assertTrue(af.getOriginalMessage().contains("inventory-service:3"), af.getOriginalMessage());
    assertTrue(
        af.getOriginalMessage().contains("tasks failed to start"),
        "the settled poll still names why: " + af.getOriginalMessage());
    assertEquals(3, ecs.describes.get(), "the rollback under way was polled again");
    assertEquals(3, attempts("ecs-poll-3"));
  }

  @Test
  void theDeadlineEndsTheRetries() {
    ecs.script(rolling(0, 5, 5));
    SteadyWait wait = waits("ecs-poll-4");
    long deadline = Instant.now().plusMillis(1000).toEpochMilli(); // after the start-up

    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> wait.await(STABLE, deadline));

    ApplicationFailure af = rootOf(e);
    assertEquals("EcsNotSteady", af.getType());
    assertTrue(af.isNonRetryable());
    assertTrue(ecs.describes.get() >= 2, "polled until the deadline: " + ecs.describes.get());
    assertTrue(
        af.getOriginalMessage()
            .contains("polls in eu-west-1; the deadline is the run's RTO budget"),
        af.getOriginalMessage());
  }

  @Test
  void notYetNamesThePauseBeforeTheNextPoll() {
    TestActivityEnvironment one = TestActivityEnvironment.newInstance();
    try {
      one.registerActivitiesImplementations(fast(ecs));
      EcsActivities a =
          one.newActivityStub(
              EcsActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      ecs.script(rolling(3, 5, 2));

      ActivityFailure notYet =
          assertThrows(
              ActivityFailure.class,
              () -> a.pollSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(60)));
      ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, notYet.getCause());
      assertEquals(Polls.NOT_YET, af.getType());
      assertFalse(af.isNonRetryable());
      assertEquals(FAST_FIRST, af.getNextRetryDelay());
      assertEquals(
          ApplicationErrorCategory.BENIGN,
          af.getCategory(),
          "not logged at WARN, not counted as failed");
      assertEquals(
          "ECS service 'inventory-service' in cluster 'mycomputer-production' in eu-west-1: "
              + "inventory-service on "
              + STABLE
              + ": running 3/5, pending 2, 2 deployment(s) (poll 1); next poll in PT0.01S",
          af.getOriginalMessage());

      ActivityFailure noDeadline =
          assertThrows(
              ActivityFailure.class, () -> a.pollSteadyOn(REGION, CLUSTER, SERVICE, STABLE, null));
      ApplicationFailure bad = assertInstanceOf(ApplicationFailure.class, noDeadline.getCause());
      assertTrue(bad.isNonRetryable());
      assertEquals(1, ecs.describes.get(), "a wait without a deadline describes nothing");
    } finally {
      one.close();
    }
  }

  /**
   * An activity worker that goes away between polls holds no thread and no slot: the next poll is
   * the server's retry, run by whichever worker is there, counting on from the attempts before.
   * With the worker's real cadence (2 s doubling to 15 s). The workflow runs on a worker of its own
   * that stays (the test server does not time out a dead worker's sticky workflow tasks the way a
   * real server does after 5 s; the e2e test BackupValidationWorkerRestartEndToEndTest kills a
   * whole worker process on a real server).
   */
  @Test
  @Timeout(120)
  void aWorkerGoneBetweenPollsIsReplacedAndTheNextWorkerResumesTheWait() throws Exception {
    env = TestWorkflowEnvironment.newInstance();
    Worker workflows = env.newWorker(WORKFLOWS_ONLY);
    workflows.registerWorkflowImplementationTypes(SteadyWaitImpl.class);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    ScriptedEcs firstEcs = new ScriptedEcs();
    firstEcs.script(rolling(0, 5, 5));
    WorkerFactory first = WorkerFactory.newInstance(client);
    first.newWorker(QUEUE).registerActivitiesImplementations(real(firstEcs));
    first.start();

    SteadyWait wait =
        client.newWorkflowStub(
            SteadyWait.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(WORKFLOWS_ONLY)
                .setWorkflowId("ecs-restart")
                .build());
    WorkflowClient.start(wait::await, STABLE, inAnHour());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (firstEcs.describes.get() < 2 && System.nanoTime() < until) Thread.sleep(20);
    assertEquals(2, firstEcs.describes.get(), "two polls on the first worker (2 s apart)");
    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);
    assertTrue(first.isTerminated());

    ScriptedEcs secondEcs = new ScriptedEcs();
    secondEcs.script(steady(5));
    WorkerFactory second = WorkerFactory.newInstance(client);
    second.newWorker(QUEUE).registerActivitiesImplementations(real(secondEcs));
    second.start();
    try {
      EcsServiceState state = WorkflowStub.fromTyped(wait).getResult(EcsServiceState.class);

      assertTrue(state.steady(), state.describe());
      assertEquals(2, firstEcs.describes.get(), "the first worker polled no more");
      assertEquals(1, secondEcs.describes.get(), "the second worker's one poll found it steady");
      assertTrue(
          attempts("ecs-restart") >= 3,
          "the attempts counted on across the workers: " + attempts("ecs-restart"));
    } finally {
      second.shutdownNow();
    }
  }
}
