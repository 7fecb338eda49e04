package dev.drrunbooks.reporting;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.activities.report.RunReportActivities;
import dev.drrunbooks.activities.report.RunReportFiles;
import dev.drrunbooks.activities.report.RunReportRequest;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.report.RunReport;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code dr report RUN} on the worker: reads the run back with {@link RunReportReader} through the
 * worker's own client and writes it with {@link ReportActivitiesImpl}, so every report (the
 * drill's, the incident's, any run's on request) is in the one folder the worker keeps reports in.
 */
public class RunReportActivitiesImpl implements RunReportActivities {
  /** Failure type of a review asked of a run that recovers nothing (a drill, a backup test). */
  public static final String NOT_REVIEWABLE = "NotReviewable";

  private final ReportActivitiesImpl files;
  private final RunLinks links;
  private final Function<String, Objectives> objectivesOf;

  /**
   * @param objectivesOf a service's catalog objectives (null when unknown), for results that do not
   *     carry them
   */
  public RunReportActivitiesImpl(
      ReportActivitiesImpl files, RunLinks links, Function<String, Objectives> objectivesOf) {
    this.files = files;
    this.links = links;
    this.objectivesOf = objectivesOf;
  }

  /**
   * @throws ApplicationFailure (non-retryable, {@link #NOT_REVIEWABLE}) when the run recovers
   *     nothing: a drill, a backup test or a policy audit has no incident to review
   */
  public static void requireReviewable(RunReport report) {
    if (PostIncidentReview.appliesTo(report.procedure())) return;
    throw ApplicationFailure.newNonRetryableFailure(
        "review: "
            + report.workflowId()
            + " is a "
            + report.procedure()
            + " run; a post-incident review is over a failover or restore run ("
            + String.join(", ", PostIncidentReview.RECOVERY_PROCEDURES.stream().sorted().toList())
            + "). Run without --review for its report.",
        NOT_REVIEWABLE);
  }

  @Override
  public RunReportFiles write(RunReportRequest request) {
    if (request == null || request.workflowId() == null || request.workflowId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "workflowId: is required (the run's workflow id)", FailureType.INVALID_INPUT.type());
    }
    RunReportReader.Read read =
        new RunReportReader(Activity.getExecutionContext().getWorkflowClient(), links, objectivesOf)
            .read(request.workflowId(), request.runId());
    RunReport report = read.report();
    if (request.review()) requireReviewable(report);
    ReportFiles written = files.write(report);
    String review = null;
    if (request.review()) {
      try {
        review =
            ReportActivitiesImpl.write(
                    Path.of(written.directory()),
                    "post-incident-review.md",
                    PostIncidentReview.render(report, request.followUpDrill()))
                .toString();
      } catch (IOException e) {
        throw ApplicationFailure.newFailure(
            "cannot write the review of "
                + report.workflowId()
                + " into "
                + written.directory()
                + ": "
                + e,
            "ReportWriteFailed");
      }
    }
    return new RunReportFiles(
        report.workflowId(),
        read.runId(),
        read.workflowType(),
        read.state(),
        report.outcome(),
        report.breached(),
        report.summary(),
        written,
        review,
        report.runLink());
  }
}
