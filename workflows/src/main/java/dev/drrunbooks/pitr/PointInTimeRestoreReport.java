package dev.drrunbooks.pitr;

import static dev.drrunbooks.report.ReportLines.keptAs;

import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A point-in-time restore as a report: RTO and RPO measured, the validation, the restorable window.
 * Pure.
 */
public final class PointInTimeRestoreReport {
  public static final ReportMapping<PointInTimeRestoreResult> MAPPING =
      ReportMapping.of("pitr", "Point-in-time restore", PointInTimeRestoreReport::of);

  private PointInTimeRestoreReport() {}

  static RunReport of(PointInTimeRestoreResult r, ReportContext ctx) {
    return MAPPING
        .builder(ctx, r.service())
        .recovery(r.service(), r.timeline(), r.objectives(), r.validation(), r.summary())
        .note(
            "Restored "
                + r.sourceInstance()
                + " to "
                + r.restorePoint()
                + keptAs(r.restoredInstance(), r.endpoint(), r.port()))
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
