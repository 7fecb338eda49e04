package dev.drrunbooks.starter.commands;

import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.FailureMessage;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.OperatorIdentity;
import dev.drrunbooks.starter.RunEnding;
import dev.drrunbooks.starter.RunLookup;
import dev.drrunbooks.starter.RunTimeline;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dr cancel RUN}: asks the run to cancel (it cleans up what it created, then ends CANCELED),
 * waits up to {@link #WAIT} for it to end and prints the clean-up its timeline recorded. Refuses a
 * run that has already ended (exit 3).
 */
@Command(name = "cancel")
public final class CancelCommand extends ConnectedCommand {
  /** How long the command waits for the cancelled run to clean up and end. */
  static final Duration WAIT = Duration.ofMinutes(2);

  @Mixin RunSelector target;

  @Option(names = "--why")
  String why;

  @Option(names = "--no-wait")
  boolean noWait;

  /**
   * What {@code --json} prints.
   *
   * @param ending null with --no-wait, or while the run is still cleaning up
   * @param cleanup the clean-up steps the run's timeline recorded (empty: nothing to undo; null:
   *     not known, as with --no-wait, or its timeline could not be read)
   */
  public record Cancelled(
      String workflowId,
      String runId,
      String requested,
      RunEnding ending,
      List<TimelineEntry> cleanup) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter human = json.humanOut(out, spec.commandLine().getErr());
    try (Connection conn = connection) {
      // The operator's identity (DR_OPERATOR) is the client's, which the history's cancel request
      // records, as dr approve's answers record theirs (not while payloads are encrypted).
      WorkflowStub run = target.stub(conn.clientAs(OperatorIdentity.current("dr cancel")));
      WorkflowExecutionDescription d = RunLookup.describe(run, target.workflowId);
      String runId = d.getExecution().getRunId();
      if (d.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new CliFailure(
            ExitCodes.REFUSED,
            "refused: run "
                + target.workflowId
                + " already ended ("
                + RunLookup.state(d.getStatus())
                + "); nothing to cancel");
      }
      String reason = why == null || why.isBlank() ? "cancelled with dr cancel" : why.strip();
      run.cancel(reason);
      human.printf("Cancellation of %s requested: %s%n", target.workflowId, reason);
      human.flush();
      if (noWait) {
        if (json.on())
          JsonOption.print(out, new Cancelled(target.workflowId, runId, reason, null, null));
        return ExitCodes.OK;
      }
      WorkflowExecutionDescription closed = awaitEnd(run);
      if (closed == null) {
        human.printf(
            "%s has not ended within %s; it may still be cleaning up: dr watch %s%n",
            target.workflowId, WAIT.toMinutes() + "m", target.workflowId);
        if (json.on())
          JsonOption.print(out, new Cancelled(target.workflowId, runId, reason, null, null));
        return ExitCodes.RUN_FAILED;
      }
      RunEnding ending = RunEnding.of(conn.client(), closed);
      List<TimelineEntry> cleanup = cleanupOf(run, human);
      if (json.on()) {
        JsonOption.print(out, new Cancelled(target.workflowId, runId, reason, ending, cleanup));
      } else {
        out.println("Clean-up that followed:");
        if (cleanup != null && cleanup.isEmpty())
          out.println("  nothing to undo: the run had created nothing");
        if (cleanup != null) cleanup.forEach(e -> out.println("  " + RunTimeline.line(e)));
        out.println(ending.line());
      }
      boolean cancelled =
          closed.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
      return cancelled ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }
  }

  /** The closed run's description, or null when it is still running after {@link #WAIT}. */
  private WorkflowExecutionDescription awaitEnd(WorkflowStub run) {
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      WorkflowExecutionDescription d = RunLookup.describe(run, target.workflowId);
      if (d.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) return d;
      if (Instant.now().isAfter(until)) return null;
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCodes.RUN_FAILED, "interrupted while waiting for the run", e);
      }
    }
  }

  /** The clean-up steps of the ended run's timeline; null (and a note) when it cannot be read. */
  private List<TimelineEntry> cleanupOf(WorkflowStub run, PrintWriter human) {
    try {
      return RunTimeline.cleanup(RunTimeline.read(run));
    } catch (RuntimeException e) {
      human.println("(cannot read its timeline: " + FailureMessage.of(e) + ")");
      return null;
    }
  }
}
