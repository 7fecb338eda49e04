package dev.drrunbooks.activities.report;

import dev.drrunbooks.report.RunReport;
import io.temporal.activity.ActivityInterface;

/**
 * Writes a run's report where people can read it: report.md, report.json and report.html in a
 * folder named after the workflow id, in the one folder the worker keeps reports in. Idempotent: a
 * retry overwrites the same files.
 */
@ActivityInterface(namePrefix = "Report")
public interface ReportActivities {

  ReportFiles write(RunReport report);
}
