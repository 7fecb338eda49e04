package dev.drrunbooks.starter.runs;

import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.starter.RunLookup;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.time.Instant;

/**
 * One run as {@code dr list} shows it, and as its {@code --json} line.
 *
 * @param status Temporal's: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT, ...
 * @param phase the DrPhase search attribute (null when the run never set it)
 * @param waiting running and its phase is an approval gate's ({@link GatePhases})
 * @param closed null while running
 * @param tookSeconds from start to close, or to now while running
 */
public record RunRow(
    String workflowId,
    String runId,
    String procedure,
    String service,
    String status,
    String phase,
    boolean waiting,
    Instant started,
    Instant closed,
    long tookSeconds) {

  /** The row of a run the visibility API listed, its running time measured up to {@code now}. */
  public static RunRow of(WorkflowExecutionMetadata run, Instant now) {
    var attributes = run.getTypedSearchAttributes();
    String phase = attributes.get(SearchAttributes.PHASE);
    boolean running = run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    Instant closed = running ? null : run.getCloseTime();
    Instant end = closed != null ? closed : now;
    return new RunRow(
        run.getExecution().getWorkflowId(),
        run.getExecution().getRunId(),
        attributes.get(SearchAttributes.PROCEDURE),
        attributes.get(SearchAttributes.SERVICE),
        RunLookup.state(run.getStatus()),
        phase,
        running && GatePhases.waits(phase),
        run.getStartTime(),
        closed,
        Duration.between(run.getStartTime(), end).toSeconds());
  }

  /** "WAITING at approval", "RUNNING restore", "FAILED (cleanup)": the table's state column. */
  public String state() {
    if (waiting) return "WAITING at " + phase;
    String p = phase == null ? "" : phase;
    if (closed == null) return p.isEmpty() ? status : status + " " + p;
    return p.isEmpty() ? status : status + " (" + p + ")";
  }
}
