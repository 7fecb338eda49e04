package dev.drrunbooks.report;

import dev.drrunbooks.activities.report.RunReportFiles;
import dev.drrunbooks.activities.report.RunReportRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * {@code dr report RUN}: the worker writes the report of any finished run, whatever its procedure
 * or ending, into the one folder it keeps reports in (DR_REPORT_DIR), where the drill's and the
 * incident's own reports are too; the starter prints the paths.
 */
@WorkflowInterface
public interface WriteRunReportWorkflow {
  @WorkflowMethod(name = "WriteRunReport")
  RunReportFiles write(RunReportRequest request);
}
