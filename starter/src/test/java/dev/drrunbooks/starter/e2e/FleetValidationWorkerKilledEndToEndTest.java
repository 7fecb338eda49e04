package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.fleet.FleetMemberResult;
import dev.drrunbooks.fleet.FleetValidationResult;
import dev.drrunbooks.model.Ownership;
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
import software.amazon.awssdk.services.rds.model.SourceType;

/**
 * The fleet survives its worker dying: {@code dr validate-backups --all} runs on a worker process
 * that is killed (SIGKILL) while children wait for their restored instances and the fourth is
 * queued (three at a time); a second worker takes over the parent and every child. Every service's
 * child runs exactly once, each creates exactly one validation instance, every backup is validated,
 * and nothing is left.
 *
 * <p>Runs alongside other test classes (it mostly waits for restores; the worker it kills is its
 * own).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
@ResourceLock(value = SandboxLocks.PAYMENTS_PRIMARY, mode = ResourceAccessMode.READ)
class FleetValidationWorkerKilledEndToEndTest {
  /** Restored instances stay "creating" this long, so the kill lands mid-wait. */
  private static final Map<String, String> SLOW_RESTORES =
      Map.of("DR_SANDBOX_RESTORE_SECONDS", "10");

  private static final List<String> SERVICES =
      List.of("customer-base", "payments", "inventory", "locations");

  private final SandboxEnv env = SandboxEnv.get();
  private final String taskQueue = "dr-e2e-fleet-kill-" + Long.toString(System.nanoTime(), 36);
  private final String namespace = env.get("TEMPORAL_NAMESPACE", "default");

  @Test
  void aWorkerKilledMidFleetIsReplacedAndEveryChildFinishesOnceWithNothingLeft() throws Exception {
    Instant began = Instant.now();
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
      String fleetId;
      String runId;
      try (WorkerProcess first =
          WorkerProcess.start(env, taskQueue, "worker-fleet-first", SLOW_RESTORES)) {
        CliRun started =
            CliRun.of(
                connection(), "validate-backups", "--all", "--max-concurrent", "3", "--no-wait");
        assertEquals(0, started.exitCode(), started.toString());
        Matcher m = Pattern.compile("workflow (\\S+) run (\\S+)").matcher(started.out());
        assertTrue(m.find(), started.toString());
        fleetId = m.group(1);
        runId = m.group(2);

        List<String> waiting = awaitChildrenWaiting(stubs, client, fleetId, runId, 2, first);
        assertTrue(waiting.size() >= 2, "children in flight at the kill: " + waiting);
        first.kill();
      }

      try (WorkerProcess second =
          WorkerProcess.start(env, taskQueue, "worker-fleet-second", SLOW_RESTORES)) {
        WorkflowStub parent =
            client.newUntypedWorkflowStub(fleetId, Optional.of(runId), Optional.empty());
        FleetValidationResult result =
            parent.getResult(5, TimeUnit.MINUTES, FleetValidationResult.class);

        assertEquals(SERVICES.size(), result.members().size(), result.toString());
        for (FleetMemberResult member : result.members())
          assertEquals(
              FleetMemberResult.PASSED, member.outcome(), member + "\n" + second.logText());
        assertEquals(
            SERVICES.size(),
            childStarts(client, fleetId, runId),
            "one child run started per service, none twice");

        RdsClient rds = aws.rds("eu-west-1");
        for (FleetMemberResult member : result.members()) {
          assertEquals(
              1,
              runsOf(stubs, member.workflowId()),
              member.workflowId() + " ran once (no second run of the same child)");
          BackupValidationResult child =
              client
                  .newUntypedWorkflowStub(member.workflowId())
                  .getResult(10, TimeUnit.SECONDS, BackupValidationResult.class);
          assertEquals(
              1,
              creations(rds, child.validationInstance(), began),
              "exactly one validation instance created by " + member.workflowId());
        }
        assertEquals(List.of(), owned(rds, fleetId), "nothing any child created is left");
      }
    } finally {
      stubs.shutdown();
    }
  }

  /**
   * Waits until {@code count} children each have polled their restored instance at least once and
   * wait for the next poll (a restore wait in flight); returns their workflow ids.
   */
  private List<String> awaitChildrenWaiting(
      WorkflowServiceStubs stubs,
      WorkflowClient client,
      String fleetId,
      String runId,
      int count,
      WorkerProcess worker) {
    Instant until = Instant.now().plus(Duration.ofSeconds(90));
    List<String> waiting = List.of();
    while (Instant.now().isBefore(until)) {
      waiting =
          childIds(client, fleetId, runId).stream()
              .filter(id -> pollingRestore(stubs, id))
              .toList();
      if (waiting.size() >= count) return waiting;
      WorkerProcess.sleep(250);
    }
    throw new AssertionError(
        "never saw "
            + count
            + " children waiting on a restore ("
            + waiting
            + ")\n"
            + worker.logText());
  }

  /** False too for a child the parent has initiated but the server has not started yet. */
  private boolean pollingRestore(WorkflowServiceStubs stubs, String workflowId) {
    io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse described;
    try {
      described =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build());
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) return false;
      throw e;
    }
    return described.getPendingActivitiesList().stream()
        .anyMatch(
            a ->
                a.getActivityType().getName().equals("RdsPollRestoredInstanceAvailable")
                    && a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
                    && a.hasLastFailure());
  }

  private static List<String> childIds(WorkflowClient client, String fleetId, String runId) {
    return childStartEvents(client, fleetId, runId).stream()
        .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
        .toList();
  }

  private static long childStarts(WorkflowClient client, String fleetId, String runId) {
    return childIds(client, fleetId, runId).stream().distinct().count();
  }

  private static List<HistoryEvent> childStartEvents(
      WorkflowClient client, String fleetId, String runId) {
    List<HistoryEvent> starts =
        client.fetchHistory(fleetId, runId).getEvents().stream()
            .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
            // the backup validations, not the run's ledger record (RecordRunEvidence)
            .filter(
                e ->
                    e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                        .getWorkflowType()
                        .getName()
                        .equals("BackupValidation"))
            .toList();
    long distinct =
        starts.stream()
            .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
            .distinct()
            .count();
    assertEquals(starts.size(), distinct, "no child was initiated twice");
    return starts;
  }

  /** How many runs the workflow id has had: 1 unless it was started again or continued. */
  private int runsOf(WorkflowServiceStubs stubs, String workflowId) {
    var listed =
        stubs
            .blockingStub()
            .listWorkflowExecutions(
                io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(namespace)
                    .setQuery("WorkflowId = '" + workflowId + "'")
                    .build());
    return listed.getExecutionsCount();
  }

  private static long creations(RdsClient rds, String instance, Instant since) {
    return rds
        .describeEvents(
            r ->
                r.sourceIdentifier(instance)
                    .sourceType(SourceType.DB_INSTANCE)
                    .startTime(since.minus(Duration.ofMinutes(1))))
        .events()
        .stream()
        .filter(e -> e.eventCategories().contains("creation"))
        .count();
  }

  private static List<String> owned(RdsClient rds, String fleetId) {
    return rds.describeDBInstances().dbInstances().stream()
        .filter(
            db ->
                rds.listTagsForResource(r -> r.resourceName(db.dbInstanceArn())).tagList().stream()
                    .anyMatch(
                        t ->
                            t.key().equals(Ownership.WORKFLOW_TAG)
                                && t.value().startsWith(fleetId)))
        .map(db -> db.dbInstanceIdentifier())
        .toList();
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
}
