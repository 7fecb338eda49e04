package dev.drrunbooks.runbook;

import dev.drrunbooks.model.RunMetrics;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * Counts procedure runs as they start and end ({@link RunMetrics}) and reports, per service, the
 * RTO and RPO a run achieved against its objectives and any breach, from the run's report: the one
 * place for every procedure, as {@link RunOutcomeInterceptor} is for the outcome search attributes.
 * Metrics add nothing to a run's history, so recorded histories replay unchanged. A run continued
 * as new is not counted as started again, and one that continues as new has not ended; support
 * workflows (the lock, report writing) are not counted.
 */
public final class RunMetricsInterceptor extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        Optional<Procedure<?, ?>> procedure =
            Runbook.ofWorkflowType(Workflow.getInfo().getWorkflowType());
        if (procedure.isEmpty()) return super.execute(input);
        if (Workflow.getInfo().getContinuedExecutionRunId().isEmpty()) RunMetrics.runStarted();
        WorkflowOutput output;
        try {
          output = super.execute(input);
        } catch (TemporalFailure e) {
          RunMetrics.runEnded(RunEnding.of(e).name());
          throw e;
        }
        if (RunEnding.of(null) == RunEnding.CANCELLED) RunMetrics.runEnded("CANCELLED");
        else ended(procedure.get(), output.getResult());
        return output;
      }
    };
  }

  private static void ended(Procedure<?, ?> procedure, Object result) {
    RunReport report;
    try {
      report = procedure.reportOf(result, ReportContext.of(Workflow.getInfo().getWorkflowId()));
    } catch (RuntimeException e) {
      // A mapping that cannot read the result is a bug, not the run's failure: as RunOutcome.
      RunMetrics.runEnded("COMPLETED");
      return;
    }
    RunMetrics.runEnded(report.outcome());
    for (ObjectiveRow row : report.objectives()) {
      RunMetrics.objectives(
          row.service(),
          row.rtoAchieved(),
          row.rtoObjective(),
          row.rtoAchieved() != null && row.rtoBreached(),
          row.rpoAchieved(),
          row.rpoObjective(),
          row.rpoAchieved() != null && row.rpoBreached());
    }
  }
}
