package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflow;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.restore.RestoreStatus;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * The weekly backup test survives its worker dying: started from the starter, the worker process is
 * killed (SIGKILL) while the run waits for the restored instance, or while it runs the data checks
 * (a short call that does not heartbeat itself: the worker heartbeats it), a new worker takes over
 * within {@link #TAKEOVER_LIMIT}, and the run ends with exactly one validation instance ever
 * created and none left.
 *
 * <p>Runs alongside other test classes (mostly waiting: on the restore, on the take-over). Its two
 * tests share nothing (each has its own task queue, worker processes, run and instance), so they
 * may run at the same time too.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
class BackupValidationWorkerRestartEndToEndTest {
  /**
   * The sandbox keeps a restored instance "creating" this long, so there is a wait to interrupt.
   */
  private static final Map<String, String> SLOW_RESTORES =
      Map.of("DR_SANDBOX_RESTORE_SECONDS", "25");

  /**
   * The sandbox's data checks take this long on the first worker: far longer than the takeover may.
   */
  private static final Map<String, String> SLOW_VALIDATION =
      Map.of("DR_SANDBOX_VALIDATION_SECONDS", "90");

  /** The longest a dead worker may hold a run up: from the kill to the retried attempt's start. */
  private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);

  private final SandboxEnv env = SandboxEnv.get();
  private final String taskQueue = "dr-e2e-restart-" + Long.toString(System.nanoTime(), 36);
  private final String namespace = env.get("TEMPORAL_NAMESPACE", "default");

  @Test
  void aWorkerKilledMidWaitIsReplacedAndTheRunFinishesWithOneInstanceAndNoneLeft()
      throws Exception {
    // The wait polls one attempt at a time (Polls): between polls nothing runs on a worker. Its
    // first attempt describes nothing (Polls.FIRST_POLL_CHANGE_ID), then it is due at 22.5 s.
    killAndReplace("wait", "RdsPollRestoredInstanceAvailable", SLOW_RESTORES, SLOW_RESTORES);
  }

  @Test
  void aWorkerKilledDuringTheDataChecksIsReplacedWithinSeconds() throws Exception {
    killAndReplace("validate", "DataValidate", SLOW_VALIDATION, Map.of());
  }

  /**
   * Starts the run on a first worker, kills it once {@code activityType} has run there long enough
   * to have heartbeated, starts a second worker and checks the run's end and the takeover's delay.
   */
  private void killAndReplace(
      String phase,
      String activityType,
      Map<String, String> firstEnv,
      Map<String, String> secondEnv)
      throws Exception {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(env.require("TEMPORAL_ADDRESS"))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    try (AwsClients aws =
        new AwsClients(
            URI.create(env.require("AWS_ENDPOINT_URL")),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))))) {
      RdsClient rds = aws.rds("eu-west-1");
      String workflowId;
      String runId;
      Instant killedAt;
      Instant nextPoll;
      try (WorkerProcess first =
          WorkerProcess.start(env, taskQueue, "worker-first-" + phase, firstEnv)) {
        CliRun started =
            CliRun.of(connection(), "validate-backups", "--service", "inventory", "--no-wait");
        assertEquals(0, started.exitCode(), started.toString());
        Matcher m = Pattern.compile("workflow (\\S+) run (\\S+)").matcher(started.out());
        assertTrue(m.find(), started.toString());
        workflowId = m.group(1);
        runId = m.group(2);

        awaitPhase(client, workflowId, runId, phase, Duration.ofSeconds(60), first);
        // Between polls a killed worker holds nothing: the next poll is due at its retry time.
        nextPoll =
            awaitHeartbeat(stubs, workflowId, runId, activityType, Duration.ofSeconds(30), first);
        assertEquals(
            1,
            owned(rds, workflowId).size(),
            "the validation instance exists while the run is in " + phase);
        killedAt = Instant.now();
        first.kill();
      }

      try (WorkerProcess second =
          WorkerProcess.start(env, taskQueue, "worker-second-" + phase, secondEnv)) {
        WorkflowStub run =
            client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
        BackupValidationResult result =
            run.getResult(3, TimeUnit.MINUTES, BackupValidationResult.class);

        assertTrue(result.validation().passed(), result.toString());
        String instance = result.validationInstance();
        assertEquals(List.of(), owned(rds, workflowId), "no instance of the run is left");
        List<Event> creations =
            rds
                .describeEvents(
                    r ->
                        r.sourceIdentifier(instance)
                            .sourceType(SourceType.DB_INSTANCE)
                            .startTime(Instant.now().minus(Duration.ofHours(1))))
                .events()
                .stream()
                .filter(e -> e.eventCategories().contains("creation"))
                .toList();
        assertEquals(
            1, creations.size(), "exactly one validation instance was created: " + creations);

        HistoryEvent retried = lastStart(client, workflowId, runId, activityType);
        int attempt = retried.getActivityTaskStartedEventAttributes().getAttempt();
        assertTrue(
            attempt >= 2,
            activityType
                + " was taken over by the second worker after the first was killed "
                + "(attempt "
                + attempt
                + ")\n"
                + second.logText());
        Instant due = nextPoll != null && nextPoll.isAfter(killedAt) ? nextPoll : killedAt;
        Duration takeover = Duration.between(due, eventTime(retried));
        System.out.printf(
            "takeover after kill: %.1f s (%s, attempt %d)%n",
            takeover.toMillis() / 1000.0, activityType, attempt);
        assertTrue(
            takeover.compareTo(TAKEOVER_LIMIT) <= 0,
            "the retried "
                + activityType
                + " started "
                + takeover.toMillis() / 1000.0
                + " s after the kill; at most "
                + TAKEOVER_LIMIT.toSeconds()
                + " s allowed");
      }
    } finally {
      stubs.shutdown();
    }
  }

  private String[] connection() {
    return new String[] {
      "--address",
      env.require("TEMPORAL_ADDRESS"),
      "--task-queue",
      taskQueue,
      "--ui",
      env.get("TEMPORAL_UI_URL", ""),
      "--catalog",
      CatalogFixture.path().toString()
    };
  }

  private static void awaitPhase(
      WorkflowClient client,
      String workflowId,
      String runId,
      String phase,
      Duration timeout,
      WorkerProcess worker) {
    BackupValidationWorkflow wf =
        client.newWorkflowStub(BackupValidationWorkflow.class, workflowId, Optional.of(runId));
    Instant until = Instant.now().plus(timeout);
    String seen = "(none)";
    while (Instant.now().isBefore(until)) {
      RestoreStatus status = wf.status();
      seen = status.phase();
      if (phase.equals(seen)) return;
      WorkerProcess.sleep(250);
    }
    throw new AssertionError(
        "run never reached phase '" + phase + "' (last '" + seen + "')\n" + worker.logText());
  }

  private static List<String> owned(RdsClient rds, String workflowId) {
    return rds.describeDBInstances().dbInstances().stream()
        .filter(db -> tagsOf(rds, db).getOrDefault(Ownership.WORKFLOW_TAG, "").equals(workflowId))
        .map(DBInstance::dbInstanceIdentifier)
        .toList();
  }

  private static Map<String, String> tagsOf(RdsClient rds, DBInstance db) {
    return rds.listTagsForResource(r -> r.resourceName(db.dbInstanceArn())).tagList().stream()
        .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
  }

  /**
   * Waits until {@code activityType} runs on a worker and the server has had a heartbeat from it:
   * the kill then lands on an attempt kept alive by heartbeats, not one that never got going.
   */
  /**
   * Waits until {@code activityType} has heartbeated on the worker, or (a polled wait) has polled
   * once and waits for its next attempt; returns when that next attempt is due, null when one is
   * running.
   */
  private Instant awaitHeartbeat(
      WorkflowServiceStubs stubs,
      String workflowId,
      String runId,
      String activityType,
      Duration timeout,
      WorkerProcess worker) {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      Optional<io.temporal.api.workflow.v1.PendingActivityInfo> pending =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(
                          WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                      .build())
              .getPendingActivitiesList()
              .stream()
              .filter(a -> a.getActivityType().getName().equals(activityType))
              .findFirst();
      if (pending.isPresent()) {
        var a = pending.get();
        if (a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            && a.hasLastHeartbeatTime()) return null;
        if (a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
            && a.hasLastFailure()
            && a.hasNextAttemptScheduleTime())
          return Instant.ofEpochSecond(
              a.getNextAttemptScheduleTime().getSeconds(),
              a.getNextAttemptScheduleTime().getNanos());
      }
      WorkerProcess.sleep(250);
    }
    throw new AssertionError(
        activityType + " never heartbeated within " + timeout + "\n" + worker.logText());
  }

  /**
   * The start of the attempt of {@code activityType} that finally ended, from the run's history.
   */
  private static HistoryEvent lastStart(
      WorkflowClient client, String workflowId, String runId, String activityType) {
    List<HistoryEvent> events = client.fetchHistory(workflowId, runId).getEvents();
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .filter(
            e -> {
              long scheduledId = e.getActivityTaskStartedEventAttributes().getScheduledEventId();
              return events.stream()
                  .anyMatch(
                      s ->
                          s.getEventId() == scheduledId
                              && s.getActivityTaskScheduledEventAttributes()
                                  .getActivityType()
                                  .getName()
                                  .equals(activityType));
            })
        .max(Comparator.comparingInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt()))
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + activityType + " started in the history of " + workflowId));
  }

  /**
   * When the event happened; for a started attempt that is when a worker took it (the server
   * records it so).
   */
  private static Instant eventTime(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
  }
}
