package dev.drrunbooks.runbook;

import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.RunNotifications;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * Switches on a worker's outbound notifications ({@link RunNotifications}) for every run it
 * executes, and sends a procedure run's end: its outcome, whether it passed, and a breach of its
 * RTO. The worker and the replay test install it; the time-skipping tests install it where they
 * test notifications. Support workflows (the lock, report writing) have no gates or phases, so they
 * send nothing; a run that continues as new sends no end.
 */
public final class RunNotificationInterceptor extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        String type = Workflow.getInfo().getWorkflowType();
        Optional<Procedure<?, ?>> procedure = Runbook.ofWorkflowType(type);
        RunNotifications notifications =
            RunNotifications.install(procedure.map(Procedure::key).orElse(type));
        if (procedure.isEmpty()) {
          // No end to send, but none of its notifications may still be in flight when it
          // completes: Temporal refuses a completion while an event it has not seen is pending
          // (UnhandledCommand), and fails an Update answered in that workflow task with it.
          WorkflowOutput output = super.execute(input);
          notifications.settle();
          return output;
        }
        WorkflowOutput output;
        try {
          output = super.execute(input);
        } catch (TemporalFailure e) {
          if (RunEnding.of(e) == RunEnding.CANCELLED)
            notifications.ended(
                "CANCELLED", false, false, "the run was cancelled: " + Failures.rootMessage(e));
          else notifications.ended("FAILED", false, false, "the run failed: " + e.getMessage());
          throw e;
        }
        RunReport report = reportOf(procedure.get(), output.getResult());
        if (RunEnding.of(null) == RunEnding.CANCELLED)
          notifications.ended(
              "CANCELLED",
              false,
              false,
              "the run was cancelled as it ended"
                  + (report == null ? "" : " (it had reached " + report.outcome() + ")"));
        else if (report == null) notifications.ended("COMPLETED", true, false, "the run completed");
        else
          notifications.ended(
              report.outcome(), report.passed(), report.breached(), report.summary());
        return output;
      }
    };
  }

  /** Null when the mapping cannot read the result (a bug, not the run's failure). */
  private static RunReport reportOf(Procedure<?, ?> procedure, Object result) {
    try {
      return procedure.reportOf(result, ReportContext.of(Workflow.getInfo().getWorkflowId()));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
