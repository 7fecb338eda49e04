package dev.drrunbooks.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerActivities;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.testing.AnsweringAs;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every procedure run's end reaches the evidence ledger, whatever its ending, through an abandoned
 * RecordRunEvidence child; a ledger that is down holds up nothing.
 */
class RunLedgerInterceptorTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.ledgered(DnsFailoverWorkflowImpl.class);

  /** The ledger: what it was sent; it refuses the first {@code refusals} writes. */
  static final class FakeLedger implements LedgerActivities {
    final List<EndedRunEvidence> written = new CopyOnWriteArrayList<>();
    final AtomicInteger refusals = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public LedgerReceipt recordRun(EndedRunEvidence run) {
      attempts.incrementAndGet();
      if (refusals.getAndDecrement() > 0)
        throw ApplicationFailure.newFailure("the ledger's database is down", "SQLException");
      written.add(run);
      return new LedgerReceipt(true, "recorded");
    }
  }

  private final FakeRegions aws = new FakeRegions();
  private final FakeLedger ledger = new FakeLedger();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks(), ledger);
    env.start();
  }

  @Test
  void aCompletedRunSendsItsReport(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-ledger-1");
    awaitGate(wf);
    wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary returns 503"));
    WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);

    LedgerReceipt receipt = ledgerRun(client, "dns-failover-ledger-1");
    assertTrue(receipt.recorded());
    assertEquals(1, ledger.written.size());
    EndedRunEvidence run = ledger.written.get(0);
    assertEquals("dns-failover-ledger-1", run.workflowId());
    assertEquals("DnsFailover", run.workflowType());
    assertEquals("dns-failover", run.report().procedure());
    assertEquals("SWITCHED", run.report().outcome());
    assertTrue(run.report().passed());
    assertFalse(run.report().timeline().isEmpty(), "the measured steps go with it");
    assertFalse(run.report().objectives().isEmpty(), "and the objectives, achieved and set");
    ApprovalRecord approval = run.approvals().get(0);
    assertEquals(
        List.of("switch-traffic APPROVED alice false update primary returns 503"),
        run.approvals().stream().map(RunLedgerInterceptorTest::row).toList(),
        "the gate's decision, by a typed name through an update without the approver header");
    assertTrue(approval.at() != null, approval.toString());
    Histories.record(client, "dns-failover-ledger-1", "dns-failover-ledgered");
    Histories.record(client, "ledger-dns-failover-ledger-1", "record-run-evidence");
  }

  @Test
  void theDecisionsAtItsGatesGoWithTheRunVerifiedIdentityAndChannel(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-ledger-5");
    awaitGate(wf);
    AnsweringAs.stub(client, "operator:alice", DnsFailoverWorkflow.class, "dns-failover-ledger-5")
        .approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "the CTO", "primary returns 503"));
    WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);

    ledgerRun(client, "dns-failover-ledger-5");
    EndedRunEvidence run = ledger.written.get(0);
    assertEquals(
        List.of(
            "switch-traffic APPROVED operator:alice true dr approve (update) primary returns 503"),
        run.approvals().stream().map(RunLedgerInterceptorTest::row).toList());
    assertEquals("the CTO", run.approvals().get(0).named(), "the typed name is kept beside it");
    Histories.record(client, "dns-failover-ledger-5", "dns-failover-ledgered-approvals");
    Histories.record(client, "ledger-dns-failover-ledger-5", "record-run-evidence-approvals");
  }

  @Test
  void aBrokenGlassIsSentAsThatByTheNamedPersonUnverified(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("dns-failover-ledger-7")
                .build());
    wf.run(
        new DnsFailoverInput(
            "inventory",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new BreakGlass("carol", "INC-42: approvers unreachable"),
            null));

    ledgerRun(client, "dns-failover-ledger-7");
    assertEquals(
        List.of(
            "switch-traffic BREAK_GLASS carol false "
                + ApprovalRecord.BREAK_GLASS_INPUT
                + " INC-42: approvers unreachable"),
        ledger.written.get(0).approvals().stream().map(RunLedgerInterceptorTest::row).toList());
  }

  @Test
  void aRunWithoutAGateDecisionSendsNone(WorkflowClient client, Worker worker) {
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-ledger-6", "no-such-service");
    assertThrows(
        WorkflowFailedException.class, () -> WorkflowStub.fromTyped(wf).getResult(Object.class));

    ledgerRun(client, "dns-failover-ledger-6");
    assertEquals(List.of(), ledger.written.get(0).approvals());
  }

  /** "step decision who verified channel why". */
  private static String row(ApprovalRecord a) {
    return String.join(
        " ", a.step(), a.decision(), a.who(), String.valueOf(a.verified()), a.channel(), a.why());
  }

  @Test
  void aFailedRunSendsItsEndingAndMessage(WorkflowClient client, Worker worker) {
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-ledger-2", "no-such-service");
    assertThrows(
        WorkflowFailedException.class, () -> WorkflowStub.fromTyped(wf).getResult(Object.class));

    ledgerRun(client, "dns-failover-ledger-2");
    EndedRunEvidence run = ledger.written.get(0);
    assertEquals("FAILED", run.report().outcome());
    assertFalse(run.report().passed());
    assertTrue(run.report().summary().contains("no-such-service"), run.report().summary());
    assertTrue(run.report().start() != null && run.report().end() != null);
  }

  @Test
  void aCancelledRunSendsItsEnding(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-ledger-3");
    awaitGate(wf);
    WorkflowStub.fromTyped(wf).cancel();
    assertThrows(
        WorkflowFailedException.class, () -> WorkflowStub.fromTyped(wf).getResult(Object.class));

    ledgerRun(client, "dns-failover-ledger-3");
    RunReport report = ledger.written.get(0).report();
    assertEquals("CANCELLED", report.outcome());
    // filed under its service, as dr evidence --service inventory finds it
    assertEquals(List.of("inventory"), report.services());
    assertEquals("the run ended CANCELLED", report.timeline().get(0).step());
  }

  @Test
  void aLedgerThatIsDownHoldsUpNothingAndGetsTheRunWhenItIsBack(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    ledger.refusals.set(5);
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-ledger-4");
    awaitGate(wf);
    wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary returns 503"));
    WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
        status(client, "dns-failover-ledger-4"));

    assertTrue(ledgerRun(client, "dns-failover-ledger-4").recorded());
    assertEquals(6, ledger.attempts.get(), "five refusals, then the write");
    assertEquals(1, ledger.written.size());
  }

  private static LedgerReceipt ledgerRun(WorkflowClient client, String workflowId) {
    return client.newUntypedWorkflowStub("ledger-" + workflowId).getResult(LedgerReceipt.class);
  }

  private static WorkflowExecutionStatus status(WorkflowClient client, String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  private static DnsFailoverWorkflow start(WorkflowClient client, Worker worker, String id) {
    return start(client, worker, id, "inventory");
  }

  private static DnsFailoverWorkflow start(
      WorkflowClient client, Worker worker, String id, String service) {
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of(service, null));
    return wf;
  }

  private static void awaitGate(DnsFailoverWorkflow wf) {
    for (int i = 0; i < 200; i++) {
      if (wf.status().waitingFor() != null) return;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the run never reached the approval gate: " + wf.status());
  }
}
