package dev.drrunbooks.starter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How a run ended, as {@code dr watch} and {@code dr cancel} print it: Temporal's state, the whole
 * failure reason when it did not complete, for a procedure run that completed its report's outcome,
 * and the exit code the command that started it returns ({@link FailureMessage#exitCode} when it
 * did not complete; 0 when its report says it passed, else 6 {@link ExitCodes#OUTCOME_NOT_SUCCESS}:
 * an aborted failover completes, but did not switch).
 *
 * @param state COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT, CONTINUED_AS_NEW
 * @param failure the failure's cause chain in one line; null when it completed
 * @param outcome the report's outcome and summary ("ABORTED: aborted at switch-traffic by ...");
 *     null when it did not complete or is not a procedure run
 */
public record RunEnding(
    String workflowId,
    String runId,
    String state,
    Instant closed,
    String failure,
    int exitCode,
    @JsonInclude(JsonInclude.Include.NON_NULL) String outcome) {

  public RunEnding(
      String workflowId, String runId, String state, Instant closed, String failure, int exitCode) {
    this(workflowId, runId, state, closed, failure, exitCode, null);
  }

  /** Reads the ending of a run that has closed ({@code d}); its result is not waited for. */
  public static RunEnding of(WorkflowClient client, WorkflowExecutionDescription d) {
    String id = d.getExecution().getWorkflowId();
    String runId = d.getExecution().getRunId();
    String state = RunLookup.state(d.getStatus());
    WorkflowStub closed = client.newUntypedWorkflowStub(id, Optional.of(runId), Optional.empty());
    if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
      return completed(closed, d, state);
    try {
      closed.getResult(10, TimeUnit.SECONDS, Object.class);
      return new RunEnding(id, runId, state, d.getCloseTime(), null, ExitCodes.OK);
    } catch (WorkflowFailedException e) {
      String failure = FailureMessage.of(e);
      if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED)
        failure += cancelRequest(client, id, runId);
      return new RunEnding(id, runId, state, d.getCloseTime(), failure, FailureMessage.exitCode(e));
    } catch (Exception e) {
      return new RunEnding(
          id,
          runId,
          state,
          d.getCloseTime(),
          "(cannot read its failure: " + FailureMessage.of(e) + ")",
          ExitCodes.RUN_FAILED);
    }
  }

  /** " (requested by ...: why)" from the run's history; empty when it cannot be read. */
  private static String cancelRequest(WorkflowClient client, String id, String runId) {
    try {
      return CancelRequest.of(client.fetchHistory(id, runId))
          .map(r -> " (" + r.describe() + ")")
          .orElse("");
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  /** A completed run, with its report's outcome when it is a procedure's. */
  private static RunEnding completed(
      WorkflowStub closed, WorkflowExecutionDescription d, String state) {
    String id = d.getExecution().getWorkflowId();
    String runId = d.getExecution().getRunId();
    Optional<Procedure<?, ?>> procedure = Runbook.ofWorkflowType(d.getWorkflowType());
    if (procedure.isEmpty())
      return new RunEnding(id, runId, state, d.getCloseTime(), null, ExitCodes.OK);
    try {
      Object result = closed.getResult(10, TimeUnit.SECONDS, procedure.get().resultType());
      RunReport report = procedure.get().reportOf(result, ReportContext.of(id));
      return new RunEnding(
          id,
          runId,
          state,
          d.getCloseTime(),
          null,
          report.passed() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS,
          report.outcome() + ": " + report.summary());
    } catch (Exception e) {
      // The run completed; only its outcome could not be read.
      return new RunEnding(id, runId, state, d.getCloseTime(), null, ExitCodes.OK);
    }
  }

  /** "pitr-... ended COMPLETED (SUCCEEDED: ...) at ..." or "... ended FAILED at ...: why". */
  public String line() {
    return workflowId
        + " ended "
        + state
        + (outcome == null ? "" : " (" + outcome + ")")
        + " at "
        + (closed == null ? "an unknown time" : closed.truncatedTo(ChronoUnit.SECONDS))
        + (failure == null ? "" : ": " + failure)
        + "\nReport: dr report "
        + workflowId;
  }
}
