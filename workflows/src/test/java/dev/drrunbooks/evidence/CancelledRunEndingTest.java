package dev.drrunbooks.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.backuppolicy.BackupPolicyInput;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflow;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.backuppolicy.FakeAwsWorld;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.FailoverStatus;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run cancelled while a step is in flight is closed CANCELED by Temporal, whatever its method
 * then does: the backup policy audit takes an unreadable instance in its stride and returns its
 * report. The ledger, the outcome search attribute and the run's ending must all say CANCELLED.
 */
class CancelledRunEndingTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.ledgered(BackupPolicyWorkflowImpl.class, FailsWhenCancelled.class);

  /**
   * A DNS failover whose clean-up fails after its cancel: the method throws an ordinary failure,
   * not a CanceledFailure, and Temporal still closes the run CANCELED.
   */
  public static final class FailsWhenCancelled implements DnsFailoverWorkflow {
    @Override
    public DnsFailoverResult run(DnsFailoverInput input) {
      try {
        Workflow.await(() -> false);
      } catch (CanceledFailure cancelled) {
        throw ApplicationFailure.newNonRetryableFailure(
            "deleting rds:probe-copy failed", "CleanupFailed");
      }
      return null;
    }

    @Override
    public FailoverStatus status() {
      return null;
    }

    @Override
    public GateDecision approve(Approval approval) {
      return null;
    }

    @Override
    public void validateApprove(Approval approval) {}

    @Override
    public GateDecision abort(Approval approval) {
      return null;
    }

    @Override
    public void validateAbort(Approval approval) {}

    @Override
    public void approveSignal(Approval approval) {}

    @Override
    public void abortSignal(Approval approval) {}
  }

  private final RunLedgerInterceptorTest.FakeLedger ledger =
      new RunLedgerInterceptorTest.FakeLedger();
  private final CountDownLatch reading = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    FakeAwsWorld world = FakeAwsWorld.likeTheSandbox(CatalogFixture.load());
    world.beforeDescribe =
        () -> {
          reading.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    worker.registerActivitiesImplementations(world, ledger);
    env.start();
  }

  @Test
  void aRunCancelledMidStepThatReturnsItsReportIsRecordedCancelled(
      WorkflowClient client, Worker worker) throws InterruptedException {
    BackupPolicyWorkflow wf =
        client.newWorkflowStub(
            BackupPolicyWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("backup-policy-cancelled-1")
                .build());
    WorkflowClient.start(wf::run, new BackupPolicyInput("inventory", null));
    assertTrue(reading.await(20, TimeUnit.SECONDS), "the audit never read a setting");
    WorkflowStub.fromTyped(wf).cancel();
    WorkflowFailedException ended =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(Object.class));
    // Held until the run has ended: the time-skipping server refuses a cancel of an activity that
    // completed meanwhile (FAILED_PRECONDITION ACTIVITY_UNKNOWN) and the run then stalls; a real
    // server accepts it.
    release.countDown();
    assertInstanceOf(CanceledFailure.class, ended.getCause(), "Temporal closed it CANCELED");

    assertTrue(
        client
            .newUntypedWorkflowStub("ledger-backup-policy-cancelled-1")
            .getResult(LedgerReceipt.class)
            .recorded(),
        "the ledger's child started from a detached scope");
    RunReport report = ledger.written.get(0).report();
    assertEquals("CANCELLED", report.outcome());
    assertFalse(report.passed());
    assertTrue(
        report.summary().startsWith("the run was cancelled as it ended (it had reached FAILED"),
        report.summary());
    assertFalse(report.timeline().isEmpty(), "the steps it had taken are kept");
    assertEquals(
        "CANCELLED",
        WorkflowStub.fromTyped(wf)
            .describe()
            .getTypedSearchAttributes()
            .get(SearchAttributes.OUTCOME),
        "the run's outcome attribute");
    Histories.record(client, "backup-policy-cancelled-1", "backup-policy-cancelled-mid-step");
  }

  @Test
  void aRunThatFailsAfterItsCancelIsRecordedCancelledWithItsMessage(
      WorkflowClient client, Worker worker) {
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("dns-failover-cancelled-2")
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of("inventory", null));
    WorkflowStub.fromTyped(wf).cancel();

    WorkflowFailedException ended =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(Object.class));
    assertInstanceOf(CanceledFailure.class, ended.getCause(), "Temporal closed it CANCELED");
    client.newUntypedWorkflowStub("ledger-dns-failover-cancelled-2").getResult(LedgerReceipt.class);
    RunReport report = ledger.written.get(0).report();
    assertEquals("CANCELLED", report.outcome());
    assertEquals("the run was cancelled: deleting rds:probe-copy failed", report.summary());
    assertEquals(
        "CANCELLED",
        WorkflowStub.fromTyped(wf)
            .describe()
            .getTypedSearchAttributes()
            .get(SearchAttributes.OUTCOME));
  }
}
