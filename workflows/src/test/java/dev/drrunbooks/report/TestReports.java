package dev.drrunbooks.report;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.backupvalidation.BackupValidationReport;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.failover.DnsFailoverReport;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.pitr.PointInTimeRestoreReport;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import java.time.Instant;
import java.util.function.Function;

/** The fixtures' results as reports, through each procedure's mapping: for renderer tests. */
public final class TestReports {
  private TestReports() {}

  public static RunReport from(PointInTimeRestoreResult r, String workflowId) {
    return PointInTimeRestoreReport.MAPPING.report(r, ReportContext.of(workflowId));
  }

  public static RunReport from(BackupValidationResult r, String workflowId) {
    return BackupValidationReport.MAPPING.report(r, ReportContext.of(workflowId));
  }

  public static RunReport from(BackupValidationResult r, String workflowId, Objectives objectives) {
    Function<String, Objectives> catalog = service -> objectives;
    return BackupValidationReport.MAPPING.report(
        r, new ReportContext(workflowId, null, null, catalog));
  }

  public static RunReport from(DnsFailoverResult r, String workflowId) {
    return DnsFailoverReport.MAPPING.report(r, ReportContext.of(workflowId));
  }

  /** A run that ended without a result and whose timeline could not be read back. */
  public static RunReport failed(
      String workflowId,
      String procedure,
      String title,
      Instant start,
      Instant end,
      String message,
      ValidationReport evidence) {
    return ended(workflowId, procedure, null, title, "FAILED", start, end, message, evidence);
  }

  /**
   * As {@link #failed}, for any ending; {@code title} must be the mapping's title plus " of
   * SERVICE".
   */
  public static RunReport ended(
      String workflowId,
      String procedure,
      String service,
      String title,
      String state,
      Instant start,
      Instant end,
      String message,
      ValidationReport evidence) {
    ReportMapping<Object> mapping =
        ReportMapping.of(
            procedure,
            service != null && title.endsWith(" of " + service)
                ? title.substring(0, title.length() - service.length() - 4)
                : title,
            (r, c) -> null);
    return mapping.ended(
        new EndedRun(state, service, start, end, message, evidence, null, "no worker answered"),
        ReportContext.of(workflowId));
  }
}
