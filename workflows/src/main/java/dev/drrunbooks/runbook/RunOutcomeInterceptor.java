package dev.drrunbooks.runbook;

import dev.drrunbooks.report.ReportContext;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * Upserts a procedure run's {@link RunOutcome} when its workflow method returns or fails, so the
 * Temporal UI's list can filter and sort by outcome, achieved RTO/RPO and breach: the one place for
 * every procedure, as a worker interceptor (the worker, the time-skipping tests and the replay test
 * all install it). Runs that continue as new, and support workflows (the lock, report writing), set
 * nothing. Behind version 1 of {@link #CHANGE_ID}: runs recorded before it replay unchanged.
 */
public final class RunOutcomeInterceptor extends WorkerInterceptorBase {
  /** The Workflow.getVersion change id of the end-of-run upsert. */
  public static final String CHANGE_ID = "run-outcome-search-attributes";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        Optional<Procedure<?, ?>> procedure =
            Runbook.ofWorkflowType(Workflow.getInfo().getWorkflowType());
        if (procedure.isEmpty()) return super.execute(input);
        WorkflowOutput output;
        try {
          output = super.execute(input);
        } catch (CanceledFailure e) {
          publish(RunOutcome.ended("CANCELLED"));
          throw e;
        } catch (TemporalFailure e) {
          publish(RunOutcome.ended("FAILED"));
          throw e;
        }
        publish(outcomeOf(procedure.get(), output.getResult(), Workflow.getInfo().getWorkflowId()));
        return output;
      }
    };
  }

  /**
   * From the run's report; a mapping that cannot read the result (a bug, not the run's failure)
   * leaves only the outcome COMPLETED rather than failing the run's last task.
   */
  public static RunOutcome outcomeOf(Procedure<?, ?> procedure, Object result, String workflowId) {
    try {
      return RunOutcome.of(procedure.reportOf(result, ReportContext.of(workflowId)));
    } catch (RuntimeException e) {
      return RunOutcome.ended("COMPLETED");
    }
  }

  private static void publish(RunOutcome outcome) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION)
      return;
    Workflow.upsertTypedSearchAttributes(
        outcome.updates().toArray(io.temporal.common.SearchAttributeUpdate<?>[]::new));
  }
}
