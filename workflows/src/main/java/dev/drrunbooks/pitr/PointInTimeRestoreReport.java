package dev.drrunbooks.pitr;

import static dev.drrunbooks.report.ReportLines.endpoint;

import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A point-in-time restore as a report: RTO and RPO measured, the validation, the restorable window.
 * Pure.
 */
public final class PointInTimeRestoreReport {
  public static final ReportMapping<PointInTimeRestoreResult> MAPPING =
      ReportMapping.of(
          "pitr",
          "Point-in-time restore",
          PointInTimeRestoreResult.class,
          PointInTimeRestoreReport::of);

  private PointInTimeRestoreReport() {}

  static RunReport of(PointInTimeRestoreResult r, ReportContext ctx) {
    boolean valid = r.validation() == null || r.validation().passed();
    RecoveryObjectives o = r.objectives();
    return RunReport.builder(ctx.workflowId(), "pitr", "Point-in-time restore of " + r.service())
        .outcome(valid ? "SUCCEEDED" : "FAILED", valid, r.summary())
        .runLink(ctx.runLink())
        .service(
            r.service(),
            r.timeline(),
            o == null ? null : o.rto(),
            o == null ? null : o.rpo(),
            r.validation(),
            null)
        .note(
            "Restored "
                + r.sourceInstance()
                + " to "
                + r.restorePoint()
                + " as "
                + r.restoredInstance()
                + endpoint(r.endpoint(), r.port())
                + "; the instance stays up (it is the recovery)")
        .note(
            r.window() == null
                ? null
                : "Restorable window at the time: "
                    + r.window().earliest()
                    + " .. "
                    + r.window().latest())
        .build();
  }
}
