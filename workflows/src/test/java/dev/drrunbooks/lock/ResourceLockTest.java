package dev.drrunbooks.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.failover.FailoverStatus;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One DNS failover per record, enforced by the server whatever id a run was started with (as the
 * Temporal UI would): a second run is refused naming the holder, and the holder releases the lock
 * when it ends, fails or is cancelled. (The time-skipping test server does not apply parent close
 * policies, so these tests see the holder's own release; DnsFailoverSandboxTest runs on the real
 * server.)
 */
class ResourceLockTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(DnsFailoverWorkflowImpl.class);

  private static final String LOCK = ResourceLocks.lockId("dns-record:api.mycomputer.com");
  private final FakeRegions aws = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void aSecondRunForTheRecordWithAnyIdIsRefusedNamingTheHolder(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow holder = startAtGate(client, worker, "dns-failover-api-holder");

    Failure refused =
        failureWithoutSkippingTime(client, worker, "typed-in-the-ui", Direction.FAILBACK);
    assertEquals(FailureType.ALREADY_RUNNING.type(), refused.getApplicationFailureInfo().getType());
    assertTrue(
        refused
            .getMessage()
            .startsWith(
                "refused: only one run at a time may work on dns-record:api.mycomputer.com; it is"
                    + " held by run dns-failover-api-holder (run id "),
        refused.getMessage());
    assertEquals(List.of(), aws.changes, "the refused run changed nothing");

    holder.abort(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "bob", "false alarm"));
    assertEquals(
        FailoverOutcome.ABORTED,
        WorkflowStub.fromTyped(holder).getResult(DnsFailoverResult.class).outcome());
    for (int i = 0;
        i < 100 && lockStatus(client) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        i++) {
      sleep(50); // the server applies the parent close policy just after the holder closes
    }
    assertTrue(
        lockStatus(client) != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        "the server ended the lock with its holder");
    Histories.record(client, "dns-failover-api-holder", "dns-failover-locked-aborted");
    Histories.record(
        client, ResourceLocks.lockId("dns-record:api.mycomputer.com"), "resource-lock-held");
  }

  @Test
  void theHolderReleasesTheLockWhenItFailsOrIsCancelled(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.healthy.put(FakeRegions.secondaryUrl(), false);
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> run(client, worker, "dns-failover-api-fails", Direction.FAILOVER));
    assertEquals("TargetUnhealthy", Failures.rootType(failed), "it took the lock, then failed");

    aws.healthy.put(FakeRegions.secondaryUrl(), true);
    DnsFailoverWorkflow cancelled = startAtGate(client, worker, "dns-failover-api-cancelled");
    WorkflowStub.fromTyped(cancelled).cancel();
    assertThrows(
        WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(cancelled).getResult(DnsFailoverResult.class));

    // Reaching the gate means the lock was taken: it comes first.
    DnsFailoverWorkflow next = startAtGate(client, worker, "dns-failover-api-next");
    assertEquals(DnsFailoverWorkflowImpl.GATE_STEP, next.status().waitingFor().step());
  }

  @Test
  void aLockWhoseHolderHasClosedIsWaitedForThenNamedIfItStaysOpen(
      WorkflowClient client, Worker worker) {
    // A lock run left open by a holder that has closed (as if the server had not yet ended it).
    run(client, worker, "dns-failover-api-done", Direction.FAILBACK);
    for (int i = 0;
        i < 100 && lockStatus(client) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        i++) {
      sleep(50); // the finished run's own lock ends just after it
    }
    WorkflowClient.start(
        client.newWorkflowStub(
                ResourceLockWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(LOCK)
                    .build())
            ::hold,
        new LockHolder(
            "dns-record:api.mycomputer.com", "dns-failover-api-done", "r1", "dns-failback"));

    WorkflowFailedException refused =
        assertThrows(
            WorkflowFailedException.class,
            () -> run(client, worker, "dns-failover-api-after", Direction.FAILOVER));
    assertTrue(
        Failures.rootMessage(refused)
            .contains("it is held by run dns-failover-api-done (run id r1)"),
        Failures.rootMessage(refused));
    long waits =
        client.fetchHistory("dns-failover-api-after").getEvents().stream()
            .filter(e -> e.hasTimerStartedEventAttributes())
            .count();
    assertEquals(
        9, waits, "waited nine times a second for the closed holder's lock to end, then refused");
  }

  private static DnsFailoverWorkflow startAtGate(WorkflowClient client, Worker worker, String id) {
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    // A long approval timeout: time skipping must not end the holder while the test looks at the
    // lock.
    WorkflowClient.start(
        wf::run,
        new DnsFailoverInput(
            "inventory",
            Direction.FAILOVER,
            null,
            null,
            true,
            "72h",
            "abort",
            null,
            null,
            null,
            null,
            null));
    for (int i = 0; i < 200; i++) {
      FailoverStatus status = wf.status();
      if (status.waitingFor() != null) return wf;
      sleep(50);
    }
    throw new AssertionError("the run never reached the approval gate: " + wf.status());
  }

  private static DnsFailoverResult run(
      WorkflowClient client, Worker worker, String id, Direction direction) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "DnsFailover",
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    stub.start(
        new DnsFailoverInput(
            "inventory",
            direction,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new BreakGlass("lock-test", "no gate: the lock is under test"),
            null));
    return stub.getResult(DnsFailoverResult.class);
  }

  /**
   * Starts a run and returns the failure it closed with, polling: waiting in getResult would let
   * the test server skip time past the holder's gate.
   */
  private static Failure failureWithoutSkippingTime(
      WorkflowClient client, Worker worker, String id, Direction direction) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "DnsFailover",
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    stub.start(
        new DnsFailoverInput(
            "inventory",
            direction,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new BreakGlass("lock-test", "no gate: the lock is under test"),
            null));
    for (int i = 0;
        i < 200
            && stub.describe().getStatus()
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        i++) {
      sleep(50);
    }
    HistoryEvent closed = client.fetchHistory(id).getLastEvent();
    assertTrue(closed.hasWorkflowExecutionFailedEventAttributes(), closed.toString());
    return closed.getWorkflowExecutionFailedEventAttributes().getFailure();
  }

  private static WorkflowExecutionStatus lockStatus(WorkflowClient client) {
    return client.newUntypedWorkflowStub(LOCK).describe().getStatus();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
