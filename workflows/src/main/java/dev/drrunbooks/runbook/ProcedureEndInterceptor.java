package dev.drrunbooks.runbook;

import dev.drrunbooks.model.Failures;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * A worker interceptor that acts when a procedure run ends: completed with its result, failed, or
 * cancelled. Support workflows (not in the {@link Runbook}) pass through; a run that continues as
 * new has not ended (Temporal's continue-as-new is neither a result nor a failure here). Runs on
 * the workflow thread: what a subclass does must be workflow code.
 */
abstract class ProcedureEndInterceptor extends WorkerInterceptorBase {

  /** The run returned {@code result}. */
  abstract void completed(Procedure<?, ?> procedure, Object result);

  /** The run failed with {@code failure}, which is rethrown after this. */
  abstract void failed(Procedure<?, ?> procedure, TemporalFailure failure);

  /**
   * The run was cancelled: Temporal closes it CANCELED ({@link RunEnding}). Its scope is cancelled
   * (work here needs a detached scope). {@code message} is what its method threw, or null when it
   * returned {@code result} after the cancel was requested (null when it threw).
   */
  abstract void cancelled(Procedure<?, ?> procedure, String message, Object result);

  @Override
  public final WorkflowInboundCallsInterceptor interceptWorkflow(
      WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        Optional<Procedure<?, ?>> procedure =
            Runbook.ofWorkflowType(Workflow.getInfo().getWorkflowType());
        if (procedure.isEmpty()) return super.execute(input);
        WorkflowOutput output;
        try {
          output = super.execute(input);
        } catch (TemporalFailure e) {
          if (RunEnding.of(e) == RunEnding.CANCELLED)
            cancelled(procedure.get(), Failures.rootMessage(e), null);
          else failed(procedure.get(), e);
          throw e;
        }
        if (RunEnding.of(null) == RunEnding.CANCELLED)
          cancelled(procedure.get(), null, output.getResult());
        else completed(procedure.get(), output.getResult());
        return output;
      }
    };
  }
}
