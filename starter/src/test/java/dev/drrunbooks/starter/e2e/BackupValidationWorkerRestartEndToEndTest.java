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
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Event;
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * The weekly backup test survives its worker dying: started from the starter, the worker process is
 * killed while the run waits for the restored instance, a new worker takes over, and the run ends
 * with exactly one validation instance ever created and none left.
 */
class BackupValidationWorkerRestartEndToEndTest {
  /** The sandbox keeps a restored instance "creating" this long, so there is a wait to interrupt. */
  private static final Map<String, String> SLOW_RESTORES = Map.of("DR_SANDBOX_RESTORE_SECONDS", "25");

  private final SandboxEnv env = SandboxEnv.get();
  private final String taskQueue = "dr-e2e-restart-" + Long.toString(System.nanoTime(), 36);

  @Test
  void aWorkerKilledMidWaitIsReplacedAndTheRunFinishesWithOneInstanceAndNoneLeft() throws Exception {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(env.require("TEMPORAL_ADDRESS")).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace(env.get("TEMPORAL_NAMESPACE", "default")).build());
    try (AwsClients aws = new AwsClients(URI.create(env.require("AWS_ENDPOINT_URL")), StaticCredentialsProvider.create(
        AwsBasicCredentials.create(env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))))) {
      RdsClient rds = aws.rds("eu-west-1");
      String workflowId;
      String runId;
      try (WorkerProcess first = WorkerProcess.start(env, taskQueue, "worker-first", SLOW_RESTORES)) {
        CliRun started = CliRun.of(connection(), "validate-backups", "--service", "inventory", "--no-wait");
        assertEquals(0, started.exitCode(), started.toString());
        Matcher m = Pattern.compile("workflow (\\S+) run (\\S+)").matcher(started.out());
        assertTrue(m.find(), started.toString());
        workflowId = m.group(1);
        runId = m.group(2);

        awaitPhase(client, workflowId, runId, "wait", Duration.ofSeconds(60), first);
        assertEquals(1, owned(rds, workflowId).size(), "the validation instance exists while the run waits");
        first.kill();
      }

      try (WorkerProcess second = WorkerProcess.start(env, taskQueue, "worker-second", SLOW_RESTORES)) {
        WorkflowStub run = client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty());
        BackupValidationResult result = run.getResult(3, TimeUnit.MINUTES, BackupValidationResult.class);

        assertTrue(result.validation().passed(), result.toString());
        String instance = result.validationInstance();
        assertEquals(List.of(), owned(rds, workflowId), "no instance of the run is left");
        List<Event> creations = rds.describeEvents(r -> r.sourceIdentifier(instance).sourceType(SourceType.DB_INSTANCE)
            .startTime(Instant.now().minus(Duration.ofHours(1)))).events().stream()
            .filter(e -> e.eventCategories().contains("creation")).toList();
        assertEquals(1, creations.size(), "exactly one validation instance was created: " + creations);
        assertTrue(awaitAttempts(client, workflowId, runId) >= 2,
            "the wait was taken over by the second worker after the first was killed\n" + second.logText());
      }
    } finally {
      stubs.shutdown();
    }
  }

  private String[] connection() {
    return new String[] {"--address", env.require("TEMPORAL_ADDRESS"), "--task-queue", taskQueue,
        "--ui", env.get("TEMPORAL_UI_URL", ""), "--catalog", CatalogFixture.path().toString()};
  }

  private static void awaitPhase(WorkflowClient client, String workflowId, String runId, String phase, Duration timeout,
      WorkerProcess worker) {
    BackupValidationWorkflow wf = client.newWorkflowStub(BackupValidationWorkflow.class, workflowId, Optional.of(runId));
    Instant until = Instant.now().plus(timeout);
    String seen = "(none)";
    while (Instant.now().isBefore(until)) {
      RestoreStatus status = wf.status();
      seen = status.phase();
      if (phase.equals(seen)) return;
      WorkerProcess.sleep(250);
    }
    throw new AssertionError("run never reached phase '" + phase + "' (last '" + seen + "')\n" + worker.logText());
  }

  private static List<String> owned(RdsClient rds, String workflowId) {
    return rds.describeDBInstances().dbInstances().stream()
        .filter(db -> tagsOf(rds, db).getOrDefault(Ownership.WORKFLOW_TAG, "").equals(workflowId))
        .map(DBInstance::dbInstanceIdentifier).toList();
  }

  private static Map<String, String> tagsOf(RdsClient rds, DBInstance db) {
    return rds.listTagsForResource(r -> r.resourceName(db.dbInstanceArn())).tagList().stream()
        .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
  }

  /** The attempt on which the wait activity finally completed, read from the run's history. */
  private static int awaitAttempts(WorkflowClient client, String workflowId, String runId) {
    List<HistoryEvent> events = client.fetchHistory(workflowId, runId).getEvents();
    return events.stream().filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .filter(e -> {
          long scheduledId = e.getActivityTaskStartedEventAttributes().getScheduledEventId();
          return events.stream().anyMatch(s -> s.getEventId() == scheduledId
              && s.getActivityTaskScheduledEventAttributes().getActivityType().getName()
                  .equals("RdsAwaitInstanceAvailable"));
        })
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt()).max().orElse(0);
  }
}
