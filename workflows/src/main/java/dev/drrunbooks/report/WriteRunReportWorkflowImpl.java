package dev.drrunbooks.report;

import dev.drrunbooks.activities.report.RunReportActivities;
import dev.drrunbooks.activities.report.RunReportFiles;
import dev.drrunbooks.activities.report.RunReportRequest;
import dev.drrunbooks.model.ActivityDefaults;

/** One activity: reading the run back and writing its report are both I/O, done on the worker. */
public class WriteRunReportWorkflowImpl implements WriteRunReportWorkflow {
  private final RunReportActivities reports =
      ActivityDefaults.shortCallStub(RunReportActivities.class);

  @Override
  public RunReportFiles write(RunReportRequest request) {
    return reports.write(request);
  }
}
