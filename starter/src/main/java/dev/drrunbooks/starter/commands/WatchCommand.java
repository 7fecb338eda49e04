package dev.drrunbooks.starter.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.starter.BusyAnswers;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.FailureMessage;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.PhaseProgress;
import dev.drrunbooks.starter.RunEnding;
import dev.drrunbooks.starter.RunLookup;
import dev.drrunbooks.starter.RunTimeline;
import dev.drrunbooks.starter.runs.GatePhases;
import dev.drrunbooks.starter.runs.WatchEvent;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dr watch RUN}: the run's timeline as its steps are recorded, a progress line when its
 * phase changes and at least every 30 s of a wait (with the gate's deadline), until it ends; then
 * how it ended and the {@code dr report} hint. Polls describe (the DrPhase attribute) and the
 * timeline query once a second.
 */
@Command(name = "watch")
public final class WatchCommand extends ConnectedCommand {
  static final Duration POLL = Duration.ofSeconds(1);

  @Mixin RunSelector target;

  private PrintWriter out;
  private PrintWriter err;

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    try (Connection conn = connection) {
      WorkflowStub run = target.stub(conn.client());
      PhaseProgress progress = new PhaseProgress();
      int shown = 0;
      boolean timelineMissing = false;
      BusyAnswers busy = new BusyAnswers();
      while (true) {
        WorkflowExecutionDescription d;
        try {
          d = RunLookup.describe(run, target.workflowId);
          busy.answered();
        } catch (RuntimeException e) {
          if (!busy.pollAgain(e, Instant.now())) throw e;
          pause();
          continue;
        }
        boolean running =
            d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        try {
          List<TimelineEntry> entries = RunTimeline.read(run);
          for (TimelineEntry e : entries.subList(Math.min(shown, entries.size()), entries.size()))
            emit(WatchEvent.step(e), RunTimeline.line(e));
          shown = Math.max(shown, entries.size());
        } catch (RuntimeException e) {
          // No worker, or a run that does not answer the query: the phase still shows progress.
          if (!timelineMissing) err.println("(no timeline yet: " + FailureMessage.of(e) + ")");
          timelineMissing = true;
        }
        if (!running) {
          RunEnding ending = RunEnding.of(conn.client(), d);
          emit(WatchEvent.end(ending), ending.line());
          return ending.exitCode();
        }
        String phase = d.getTypedSearchAttributes().get(SearchAttributes.PHASE);
        String line =
            progress.next(phase, Instant.now(), GatePhases.waits(phase) ? gateDeadline(run) : null);
        if (line != null) emit(WatchEvent.progress(line), line);
        pause();
      }
    }
  }

  private void emit(WatchEvent event, String text) {
    if (json.on()) JsonOption.print(out, event);
    else {
      out.println(text);
      out.flush();
    }
  }

  /** The deadline the run's status names (a gate's timeout), or null when it names none. */
  private static Instant gateDeadline(WorkflowStub run) {
    try {
      JsonNode status = JsonOption.MAPPER.valueToTree(run.query("status", Object.class));
      JsonNode deadline = status == null ? null : status.findValue("deadline");
      return deadline == null || !deadline.isTextual() ? null : Instant.parse(deadline.asText());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.RUN_FAILED, "interrupted while watching", e);
    }
  }
}
