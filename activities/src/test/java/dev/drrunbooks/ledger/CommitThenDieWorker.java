package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerActivities;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflowImpl;
import dev.drrunbooks.payload.DrDataConverter;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.Map;

/**
 * A worker process that dies between the ledger's commit and Temporal hearing of it: its ledger
 * activity does the real write, prints {@value #COMMITTED} once the transaction has committed, and
 * then never returns, so nothing (neither a completion nor a failure) reaches Temporal before the
 * test kills the process. Run by {@link LedgerWriteRetriedAfterCommitSandboxTest} as {@code java
 * -cp <test class path> dev.drrunbooks.ledger.CommitThenDieWorker TASK_QUEUE}, with the sandbox's
 * TEMPORAL_* and DR_LEDGER_* variables in its environment.
 */
public final class CommitThenDieWorker {
  static final String READY = "commit-then-die worker polling";
  static final String COMMITTED = "ledger write committed";

  private CommitThenDieWorker() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client(env.get("TEMPORAL_ADDRESS"), env.getOrDefault("TEMPORAL_NAMESPACE", "default")));
    io.temporal.worker.Worker worker = factory.newWorker(args[0]);
    worker.registerWorkflowImplementationTypes(RecordRunEvidenceWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CommitThenHang(LedgerActivitiesImpl.fromEnvironment(env, null)));
    factory.start();
    System.out.println(READY);
    System.out.flush();
  }

  /**
   * A client of the Temporal server at {@code address} with the workers' data converter, as this
   * process and the test use it; shut down with {@code getWorkflowServiceStubs().shutdown()}.
   */
  static WorkflowClient client(String address, String namespace) {
    return WorkflowClient.newInstance(
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build()),
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setDataConverter(DrDataConverter.get())
            .build());
  }

  /** The real write, then silence until the process is killed. */
  private static final class CommitThenHang implements LedgerActivities {
    private final LedgerActivities real;

    CommitThenHang(LedgerActivities real) {
      this.real = real;
    }

    @Override
    public LedgerReceipt recordRun(EndedRunEvidence run) {
      LedgerReceipt receipt = real.recordRun(run);
      System.out.println(
          COMMITTED
              + " (attempt "
              + Activity.getExecutionContext().getInfo().getAttempt()
              + ": "
              + receipt.detail()
              + ")");
      System.out.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          // a dead worker answers nothing, interrupted or not
        }
      }
    }
  }
}
