package dev.drrunbooks.reporting;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.model.TimelineQuery;
import dev.drrunbooks.report.EndedRun;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads any finished run back from Temporal as a {@link RunReport}: a completed run through its
 * procedure's mapping; a run that ended without a result (failed, cancelled, terminated, timed out)
 * with its failure message, the evidence a failed validation carries, and the timeline it recorded
 * so far, read with the {@link TimelineQuery} (a worker answers a query on a closed run by
 * replaying its history: https://docs.temporal.io/sending-messages#sending-queries).
 */
public final class RunReportReader {
  /** Failure types, non-retryable: the run cannot be reported as asked. */
  public static final String NOT_FOUND = "NotFound";

  public static final String STILL_RUNNING = "StillRunning";
  public static final String NO_REPORT = "NoReport";

  private final WorkflowClient client;
  private final RunLinks links;
  private final Function<String, Objectives> objectivesOf;

  /**
   * @param objectivesOf a service's catalog objectives, null when unknown (for results that do not
   *     carry them)
   */
  public RunReportReader(
      WorkflowClient client, RunLinks links, Function<String, Objectives> objectivesOf) {
    this.client = client;
    this.links = links;
    this.objectivesOf = objectivesOf;
  }

  /** A run's report and what it is. */
  public record Read(RunReport report, String workflowType, String runId, String state) {}

  /**
   * @throws ApplicationFailure (non-retryable) NotFound, StillRunning or NoReport, with a message
   *     saying which run
   */
  public Read read(String workflowId, String runId) {
    WorkflowStub run =
        client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
    WorkflowExecutionDescription d = describe(run, workflowId);
    String type = d.getWorkflowType();
    String actualRunId = d.getExecution().getRunId();
    String state = d.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    Procedure<?, ?> procedure =
        Runbook.ofWorkflowType(type)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        workflowId
                            + " is a "
                            + type
                            + " run: there is no report for "
                            + "that workflow type (reports exist for "
                            + Runbook.procedures().stream()
                                .map(Procedure::workflowType)
                                .collect(Collectors.joining(", "))
                            + ")",
                        NO_REPORT));
    if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw ApplicationFailure.newNonRetryableFailure(
          workflowId
              + " ("
              + type
              + ") is still running (phase "
              + d.getTypedSearchAttributes().get(SearchAttributes.PHASE)
              + ", started "
              + d.getStartTime()
              + "): a report needs a finished run. Watch it with: dr status "
              + workflowId,
          STILL_RUNNING);
    }
    ReportContext ctx =
        new ReportContext(
            workflowId,
            d.getTypedSearchAttributes().get(SearchAttributes.PROCEDURE),
            links.of(workflowId, actualRunId),
            objectivesOf);
    RunReport report;
    if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      report = procedure.reportOf(run.getResult(procedure.resultType()), ctx);
    } else {
      report = procedure.report().ended(ended(run, d, state, workflowId, actualRunId), ctx);
    }
    return new Read(report, type, actualRunId, state);
  }

  private EndedRun ended(
      WorkflowStub run,
      WorkflowExecutionDescription d,
      String state,
      String workflowId,
      String runId) {
    String message = state.toLowerCase();
    ValidationReport evidence = null;
    try {
      run.getResult(30, TimeUnit.SECONDS, Object.class);
    } catch (WorkflowFailedException e) {
      message = Failures.rootMessage(e);
      evidence = validationEvidence(e);
    } catch (Exception e) {
      message = Failures.rootMessage(e);
    }
    List<TimelineEntry> timeline = null;
    String unavailable = null;
    try {
      timeline = Arrays.asList(run.query(TimelineQuery.NAME, TimelineEntry[].class));
    } catch (RuntimeException e) {
      // No worker answered (none running, or one without this query), or the replay failed (a run
      // terminated mid-step): read the steps from the history instead, naming why, in one line.
      String why = Failures.rootMessage(e).lines().findFirst().orElse("");
      why = why.length() > 160 ? why.substring(0, 160) + "..." : why;
      try {
        timeline = HistoryTimeline.of(client.fetchHistory(workflowId, runId), d.getCloseTime());
        unavailable =
            "read from the run's history (activities and child runs), as no worker could"
                + " answer the timeline query: "
                + why;
      } catch (RuntimeException h) {
        unavailable =
            "the timeline query was not answered ("
                + why
                + ") and the history could not"
                + " be read: "
                + Failures.rootMessage(h).lines().findFirst().orElse("");
      }
    }
    String service = d.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
    return new EndedRun(
        state,
        service,
        d.getStartTime(),
        d.getCloseTime(),
        message,
        evidence,
        timeline,
        unavailable);
  }

  private static WorkflowExecutionDescription describe(WorkflowStub run, String workflowId) {
    try {
      return run.describe();
    } catch (RuntimeException e) {
      if (e instanceof WorkflowNotFoundException || hasStatus(e, Status.Code.NOT_FOUND)) {
        throw ApplicationFailure.newNonRetryableFailure("no run with id " + workflowId, NOT_FOUND);
      }
      throw e;
    }
  }

  /** A failed validation carries its evidence on the failure. */
  private static ValidationReport validationEvidence(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ApplicationFailure af
          && "ValidationFailed".equals(af.getType())
          && af.getDetails().getSize() > 0) {
        try {
          return af.getDetails().get(ValidationReport.class);
        } catch (RuntimeException ignored) {
          return null;
        }
      }
    }
    return null;
  }

  private static boolean hasStatus(Throwable e, Status.Code code) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == code) return true;
    }
    return false;
  }
}
