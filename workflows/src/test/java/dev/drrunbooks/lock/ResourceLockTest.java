package dev.drrunbooks.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.failover.FailoverStatus;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
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
 * Temporal UI would): a second run is refused naming the holder, and the lock ends with its holder.
 * Release after a cancelled or failed holder is shown against the real server (DnsFailoverSandboxTest):
 * the time-skipping test server does not apply the parent close policy to a cancelled parent.
 */
class ResourceLockTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal = TimeSkipping.extension(DnsFailoverWorkflowImpl.class);

  private final FakeRegions aws = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void aSecondRunForTheRecordWithAnyIdIsRefusedNamingTheHolder(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow holder = startAtGate(client, worker, "dns-failover-api-holder");

    WorkflowFailedException refused = assertThrows(WorkflowFailedException.class,
        () -> run(client, worker, "typed-in-the-ui", Direction.FAILBACK));
    assertEquals(ResourceLocks.ALREADY_RUNNING, Failures.rootType(refused));
    assertTrue(Failures.rootMessage(refused).startsWith("refused: only one run at a time may work on "
        + "dns-record:api.mycomputer.com; it is held by run dns-failover-api-holder (run id "),
        Failures.rootMessage(refused));
    assertEquals(List.of(), aws.changes, "the refused run changed nothing");

    holder.abort(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "bob", "false alarm"));
    assertEquals(FailoverOutcome.ABORTED, WorkflowStub.fromTyped(holder).getResult(DnsFailoverResult.class).outcome());
    for (int i = 0; i < 100 && lockStatus(client) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING; i++) {
      sleep(50); // the server applies the parent close policy just after the holder closes
    }
    assertTrue(lockStatus(client) != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        "the server ended the lock with its holder");
    Histories.record(client, "dns-failover-api-holder", "dns-failover-locked-aborted");
    Histories.record(client, ResourceLocks.lockId("dns-record:api.mycomputer.com"), "resource-lock-held");
  }

  private static DnsFailoverWorkflow startAtGate(WorkflowClient client, Worker worker, String id) {
    DnsFailoverWorkflow wf = client.newWorkflowStub(DnsFailoverWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
    // A long approval timeout: time skipping must not end the holder while the test looks at the lock.
    WorkflowClient.start(wf::run, new DnsFailoverInput("inventory", Direction.FAILOVER, null, null, true, "72h",
        "abort", null, null, null));
    for (int i = 0; i < 200; i++) {
      FailoverStatus status = wf.status();
      if (status.waitingFor() != null) return wf;
      sleep(50);
    }
    throw new AssertionError("the run never reached the approval gate: " + wf.status());
  }

  private static DnsFailoverResult run(WorkflowClient client, Worker worker, String id, Direction direction) {
    WorkflowStub stub = client.newUntypedWorkflowStub("DnsFailover",
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
    stub.start(new DnsFailoverInput("inventory", direction, null, null, false, null, null, null, null, null));
    return stub.getResult(DnsFailoverResult.class);
  }

  private static WorkflowExecutionStatus lockStatus(WorkflowClient client) {
    return client.newUntypedWorkflowStub(ResourceLocks.lockId("dns-record:api.mycomputer.com")).describe().getStatus();
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
