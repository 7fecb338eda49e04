package dev.drrunbooks.runbook;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.approval.RunApprovals;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflow;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Sends every procedure run's end to the evidence ledger: a {@link RecordRunEvidenceWorkflow}
 * child, abandoned when the run closes, writes it (retrying while the ledger is down, without
 * holding up the run). A completed run sends its report; a failed or cancelled one its ending and
 * message; either sends the decisions at its gates ({@link RunApprovals}, behind version 1 of
 * {@link #APPROVALS_CHANGE_ID}). Runs that continue as new, and support workflows, send nothing.
 * The child's id is {@code ledger-<workflow id>}: one write per run, whoever retries. Behind
 * version 1 of {@link #CHANGE_ID}: runs recorded before it replay unchanged.
 */
public final class RunLedgerInterceptor extends ProcedureEndInterceptor {
  /** The Workflow.getVersion change id of the end-of-run ledger write. */
  public static final String CHANGE_ID = "run-evidence-ledger";

  /**
   * The Workflow.getVersion change id of the gates' decisions sent with the run's evidence ({@link
   * RunApprovals}): runs recorded before it send none, as they did.
   */
  public static final String APPROVALS_CHANGE_ID = "run-evidence-approvals";

  @Override
  void completed(Procedure<?, ?> procedure, Object result) {
    send(completed(procedure, result, Workflow.getInfo().getWorkflowId()));
  }

  @Override
  void failed(Procedure<?, ?> procedure, TemporalFailure failure) {
    send(ended(procedure, "FAILED", "the run failed: " + failure.getMessage()));
  }

  @Override
  void cancelled(Procedure<?, ?> procedure, String message, Object result) {
    RunReport report;
    if (result == null) {
      report =
          ended(
              procedure,
              "CANCELLED",
              message == null ? "the run was cancelled" : "the run was cancelled: " + message);
    } else {
      // Returned after the cancel was requested: its steps stand, its ending is Temporal's.
      RunReport reached = completed(procedure, result, Workflow.getInfo().getWorkflowId());
      report =
          reached.withOutcome(
              "CANCELLED",
              false,
              "the run was cancelled as it ended (it had reached "
                  + reached.outcome()
                  + ": "
                  + reached.summary()
                  + ")");
    }
    // The run's scope is cancelled: the child is started from a scope of its own.
    Workflow.newDetachedCancellationScope(() -> send(report)).run();
  }

  /** A completed run's report; a mapping that cannot read the result leaves only its ending. */
  private static RunReport completed(Procedure<?, ?> procedure, Object result, String workflowId) {
    try {
      return procedure.reportOf(result, ReportContext.of(workflowId));
    } catch (RuntimeException e) {
      return ended(procedure, "COMPLETED", "the run completed; its result could not be read");
    }
  }

  /**
   * A run without a report: its ending, and one step per service it was tagged with (the DrService
   * search attribute), so the ledger files a failed drill under its services too.
   */
  private static RunReport ended(Procedure<?, ?> procedure, String outcome, String summary) {
    WorkflowInfo info = Workflow.getInfo();
    Instant start = Instant.ofEpochMilli(info.getRunStartedTimestampMillis());
    Instant end = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    RunReport.Builder report =
        RunReport.builder(info.getWorkflowId(), procedure.key(), procedure.title())
            .outcome(outcome, false, summary)
            .period(start, end);
    TimelineEntry ending =
        new TimelineEntry(
            "the run ended " + outcome,
            start,
            end,
            "COMPLETED".equals(outcome) ? Outcome.SUCCEEDED : Outcome.FAILED,
            summary);
    for (String service : taggedServices()) report.stepsOf(service, List.of(ending));
    return report.build();
  }

  /** The keys in the run's DrService attribute ("inventory,payments"); none for "all" or unset. */
  static List<String> taggedServices() {
    String tagged = Workflow.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
    if (tagged == null) return List.of();
    return Arrays.stream(tagged.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty() && !InputRules.ALL.equals(s) && !"unknown".equals(s))
        .toList();
  }

  /** Starts the ledger's child and waits only until it has started. */
  private static void send(RunReport report) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION)
      return;
    WorkflowInfo info = Workflow.getInfo();
    RecordRunEvidenceWorkflow ledger =
        Workflow.newChildWorkflowStub(
            RecordRunEvidenceWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId("ledger-" + info.getWorkflowId())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    List<ApprovalRecord> approvals =
        Workflow.getVersion(APPROVALS_CHANGE_ID, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION
            ? List.of()
            : RunApprovals.all();
    EndedRunEvidence evidence =
        new EndedRunEvidence(
            info.getWorkflowId(), info.getRunId(), info.getWorkflowType(), report, approvals);
    Async.function(ledger::record, evidence);
    try {
      Workflow.getWorkflowExecution(ledger).get();
    } catch (TemporalFailure e) {
      // The run's own ending stands; the ledger's is only missing (and the history has it).
      Workflow.getLogger(RunLedgerInterceptor.class)
          .warn("the ledger's write of {} did not start: {}", info.getWorkflowId(), e.getMessage());
    }
  }
}
