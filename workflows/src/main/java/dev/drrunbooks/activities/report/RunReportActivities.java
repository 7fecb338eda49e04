package dev.drrunbooks.activities.report;

import io.temporal.activity.ActivityInterface;

/**
 * {@code dr report RUN} on the worker: any finished run's report, written where the worker keeps
 * reports.
 */
@ActivityInterface(namePrefix = "RunReport")
public interface RunReportActivities {

  /**
   * Reads the run back from Temporal (its result, or for a run that ended without one its failure
   * and the timeline it recorded so far) and writes its report into the worker's report folder.
   * Non-retryable failures: NotFound (no such run), StillRunning, NoReport (a workflow type with no
   * report mapping), NotReviewable (a review asked of a run that recovers nothing).
   */
  RunReportFiles write(RunReportRequest request);
}
