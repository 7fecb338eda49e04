package dev.drrunbooks.runbook;

import dev.drrunbooks.report.ReportContext;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;

/**
 * Upserts a procedure run's {@link RunOutcome} when its workflow method returns or fails, so the
 * Temporal UI's list can filter and sort by outcome, achieved RTO/RPO and breach: the one place for
 * every procedure, as a worker interceptor (the worker, the time-skipping tests and the replay test
 * all install it). Runs that continue as new, and support workflows (the lock, report writing), set
 * nothing. Behind version 1 of {@link #CHANGE_ID}: runs recorded before it replay unchanged.
 */
public final class RunOutcomeInterceptor extends ProcedureEndInterceptor {
  /** The Workflow.getVersion change id of the end-of-run upsert. */
  public static final String CHANGE_ID = "run-outcome-search-attributes";

  @Override
  void completed(Procedure<?, ?> procedure, Object result) {
    publish(outcomeOf(procedure, result, Workflow.getInfo().getWorkflowId()));
  }

  @Override
  void failed(Procedure<?, ?> procedure, TemporalFailure failure) {
    publish(RunOutcome.ended("FAILED"));
  }

  @Override
  void cancelled(Procedure<?, ?> procedure, String message, Object result) {
    publish(RunOutcome.ended("CANCELLED"));
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
