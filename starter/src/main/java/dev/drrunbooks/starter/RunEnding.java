package dev.drrunbooks.starter;

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
 * failure reason when it did not complete, and the exit code the command that started it would have
 * returned ({@link FailureMessage#exitCode}; 0 when it completed).
 *
 * @param state COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT, CONTINUED_AS_NEW
 * @param failure the failure's cause chain in one line; null when it completed
 */
public record RunEnding(
    String workflowId, String runId, String state, Instant closed, String failure, int exitCode) {

  /** Reads the ending of a run that has closed ({@code d}); its result is not waited for. */
  public static RunEnding of(WorkflowClient client, WorkflowExecutionDescription d) {
    String id = d.getExecution().getWorkflowId();
    String runId = d.getExecution().getRunId();
    String state = RunLookup.state(d.getStatus());
    if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
      return new RunEnding(id, runId, state, d.getCloseTime(), null, ExitCodes.OK);
    WorkflowStub closed = client.newUntypedWorkflowStub(id, Optional.of(runId), Optional.empty());
    try {
      closed.getResult(10, TimeUnit.SECONDS, Object.class);
      return new RunEnding(id, runId, state, d.getCloseTime(), null, ExitCodes.OK);
    } catch (WorkflowFailedException e) {
      return new RunEnding(
          id, runId, state, d.getCloseTime(), FailureMessage.of(e), FailureMessage.exitCode(e));
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

  /** "pitr-... ended COMPLETED at ..." or "... ended FAILED at ...: why". */
  public String line() {
    return workflowId
        + " ended "
        + state
        + " at "
        + (closed == null ? "an unknown time" : closed.truncatedTo(ChronoUnit.SECONDS))
        + (failure == null ? "" : ": " + failure)
        + "\nReport: dr report "
        + workflowId;
  }
}
