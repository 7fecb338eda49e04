package dev.drrunbooks.activities.report;

/**
 * A run's report as the worker wrote it: which run, how it ended, and where the files are.
 *
 * @param workflowType the run's workflow type, e.g. PointInTimeRestore
 * @param state how the run closed: COMPLETED, FAILED, CANCELED, TERMINATED, TIMED_OUT
 * @param outcome the report's outcome in the procedure's words (SUCCEEDED, SWITCHED, ...) or the
 *     state
 * @param files report.md, report.json and report.html in the worker's report folder
 * @param review the post-incident review's path; null when not asked for
 * @param runLink the run's page in the Temporal UI; null when the worker knows no UI address
 */
public record RunReportFiles(
    String workflowId,
    String runId,
    String workflowType,
    String state,
    String outcome,
    boolean breached,
    String summary,
    ReportFiles files,
    String review,
    String runLink) {}
