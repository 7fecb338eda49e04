package dev.drrunbooks.starter.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.FailureMessage;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.RunEnding;
import dev.drrunbooks.starter.RunLookup;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status")
public final class StatusCommand extends ConnectedCommand {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What {@code --json} prints: Temporal's view, the search attributes, and the run's own status
   * query answer (while running or completed) or its failure (when it ended otherwise).
   *
   * @param state RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT
   * @param phase the DrPhase search attribute; null when never set
   * @param failure the failure's cause chain in one line; null unless it ended without a result
   * @param status the run's status query answer, as the run shapes it; null when it did not answer
   * @param outcome a completed procedure run's report outcome and summary ("FAILED: payments: RPO
   *     breached ..."): a run can complete without doing what it was for; null otherwise
   */
  public record RunStatus(
      String workflowId,
      String runId,
      String workflowType,
      String state,
      Instant started,
      Instant closed,
      String procedure,
      String service,
      String phase,
      String failure,
      Object status,
      String link,
      String outcome) {}

  @Mixin RunSelector target;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    try (Connection conn = connection) {
      WorkflowStub run = target.stub(conn.client());
      WorkflowExecutionDescription d = RunLookup.describe(run, target.workflowId);
      if (json.on()) {
        JsonOption.print(out, statusOf(conn, run, d));
        return ExitCodes.OK;
      }
      out.printf(
          "%s (%s) run %s: %s, started %s%n",
          target.workflowId,
          d.getWorkflowType(),
          d.getExecution().getRunId(),
          RunLookup.state(d.getStatus()),
          d.getStartTime().truncatedTo(ChronoUnit.SECONDS));
      var attributes = d.getTypedSearchAttributes();
      // A run started raw (the Temporal UI) that failed before its first step has set none of them.
      out.printf(
          "procedure %s, service %s, phase %s%n",
          orUnset(attributes.get(SearchAttributes.PROCEDURE)),
          orUnset(attributes.get(SearchAttributes.SERVICE)),
          orUnset(attributes.get(SearchAttributes.PHASE)));
      if (endedWithoutResult(d.getStatus())) {
        out.printf(
            "%s at %s: %s%n", RunLookup.state(d.getStatus()), d.getCloseTime(), failureOf(conn, d));
        if (endedWithoutCleanup(d.getStatus())) {
          out.printf(
              "it did not clean up after itself: `dr cleanup %s` lists what it left (--apply"
                  + " deletes it)%n",
              target.workflowId);
        }
      } else {
        if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
          String outcome = RunEnding.of(conn.client(), d).outcome();
          if (outcome != null) out.printf("COMPLETED at %s: %s%n", d.getCloseTime(), outcome);
        }
        try {
          Object status = run.query("status", Object.class);
          out.println(
              status instanceof Map || status instanceof Iterable
                  ? JSON.writeValueAsString(status)
                  : status);
          String step = waitingStep(status);
          if (step != null)
            out.printf(
                "waiting at gate %s: dr approve %s --step %s --why REASON (or dr abort with the"
                    + " same options)%n",
                step, target.workflowId, step);
        } catch (RuntimeException e) {
          out.println("(no status query answer: " + FailureMessage.of(e) + ")");
        }
      }
      out.println("Temporal UI: " + conn.runLink(target.workflowId, d.getExecution().getRunId()));
      return ExitCodes.OK;
    }
  }

  /**
   * The gate a run's status says it waits at ({@code waitingFor.step}, as every gated procedure's
   * status names it); null when it waits at none.
   */
  static String waitingStep(Object status) {
    if (!(status instanceof Map<?, ?> map)) return null;
    if (!(map.get("waitingFor") instanceof Map<?, ?> gate)) return null;
    return gate.get("step") instanceof String step && !step.isBlank() ? step : null;
  }

  private RunStatus statusOf(Connection conn, WorkflowStub run, WorkflowExecutionDescription d) {
    var attributes = d.getTypedSearchAttributes();
    boolean ended = endedWithoutResult(d.getStatus());
    Object status = null;
    if (!ended) {
      try {
        status = run.query("status", Object.class);
      } catch (RuntimeException e) {
        spec.commandLine()
            .getErr()
            .println("(no status query answer: " + FailureMessage.of(e) + ")");
      }
    }
    return new RunStatus(
        target.workflowId,
        d.getExecution().getRunId(),
        d.getWorkflowType(),
        RunLookup.state(d.getStatus()),
        d.getStartTime(),
        d.getCloseTime(),
        attributes.get(SearchAttributes.PROCEDURE),
        attributes.get(SearchAttributes.SERVICE),
        attributes.get(SearchAttributes.PHASE),
        ended ? failureOf(conn, d) : null,
        status,
        conn.runLink(target.workflowId, d.getExecution().getRunId()),
        d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
            ? RunEnding.of(conn.client(), d).outcome()
            : null);
  }

  /** Terminated or timed out: no workflow code ran after that, so its cleanup did not either. */
  private static boolean endedWithoutCleanup(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT;
  }

  private static boolean endedWithoutResult(WorkflowExecutionStatus status) {
    return status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW;
  }

  /**
   * The close event's failure, read as the run's result; the run has ended, so this does not wait.
   */
  private String failureOf(Connection conn, WorkflowExecutionDescription d) {
    // A cancelled run's ending says who asked and why (its history's cancel request).
    if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED)
      return RunEnding.of(conn.client(), d).failure();
    WorkflowStub closed =
        conn.client()
            .newUntypedWorkflowStub(
                target.workflowId, Optional.of(d.getExecution().getRunId()), Optional.empty());
    try {
      closed.getResult(10, TimeUnit.SECONDS, Object.class);
      return "(no failure recorded)";
    } catch (WorkflowFailedException e) {
      return FailureMessage.of(e);
    } catch (Exception e) {
      return "(cannot read its failure: " + FailureMessage.of(e) + ")";
    }
  }

  private static String orUnset(String value) {
    return value == null ? "(not set)" : value;
  }
}
