package dev.drrunbooks.runbook;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.CanceledFailure;
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

  /** The run was cancelled; its scope is cancelled (work here needs a detached scope). */
  abstract void cancelled(Procedure<?, ?> procedure, CanceledFailure cancellation);

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
        } catch (CanceledFailure e) {
          cancelled(procedure.get(), e);
          throw e;
        } catch (TemporalFailure e) {
          failed(procedure.get(), e);
          throw e;
        }
        completed(procedure.get(), output.getResult());
        return output;
      }
    };
  }
}
