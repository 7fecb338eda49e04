package dev.drrunbooks.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.FailoverStatus;
import dev.drrunbooks.testing.AnsweringAs;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run cancelled while its gate waits for a second approver: nothing was decided, but who had
 * approved is evidence, and the ledger keeps it (one APPROVAL_COUNTED row each).
 */
class CancelledAtTheGateTest {
  static final String STEP = "switch-traffic";

  @RegisterExtension
  static final TestWorkflowExtension temporal = TimeSkipping.ledgered(WaitsAtItsGate.class);

  /** A run that waits at a gate needing two distinct approvers, for an hour. */
  public static final class WaitsAtItsGate extends GatedWorkflow implements DnsFailoverWorkflow {
    @Override
    public DnsFailoverResult run(DnsFailoverInput input) {
      gate.await(STEP, Duration.ofHours(1), GateDefault.ABORT, new GateApprovers(null, 2));
      return null;
    }

    @Override
    public FailoverStatus status() {
      return null;
    }
  }

  private final RunLedgerInterceptorTest.FakeLedger ledger =
      new RunLedgerInterceptorTest.FakeLedger();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(ledger);
    env.start();
  }

  @Test
  void theApprovalCountedBeforeTheCancelIsInTheLedger(WorkflowClient client, Worker worker) {
    String id = "dns-failover-cancelled-at-gate";
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of("inventory", null));
    AnsweringAs.stub(client, "operator:sre-alice", DnsFailoverWorkflow.class, id)
        .approve(new Approval(STEP, "sre-alice", "the primary is down"));
    WorkflowStub.fromTyped(wf).cancel();
    assertThrows(
        WorkflowFailedException.class, () -> WorkflowStub.fromTyped(wf).getResult(Object.class));

    client.newUntypedWorkflowStub("ledger-" + id).getResult(LedgerReceipt.class);
    assertEquals("CANCELLED", ledger.written.get(0).report().outcome());
    List<ApprovalRecord> approvals = ledger.written.get(0).approvals();
    assertEquals(1, approvals.size(), approvals.toString());
    assertEquals(STEP, approvals.get(0).step());
    assertEquals("APPROVAL_COUNTED", approvals.get(0).decision());
    assertEquals("operator:sre-alice", approvals.get(0).who());
    assertTrue(approvals.get(0).verified(), "answered as operator:sre-alice");
  }
}
