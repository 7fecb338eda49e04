package dev.drrunbooks.snapshotrestore;

import static dev.drrunbooks.report.ReportLines.describe;
import static dev.drrunbooks.report.ReportLines.endpoint;

import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A snapshot restore as a report: the snapshot used, the DR-region copy, RTO and RPO, the
 * validation. Pure.
 */
public final class SnapshotRestoreReport {
  public static final ReportMapping<SnapshotRestoreResult> MAPPING =
      ReportMapping.of(
          "snapshot-restore",
          "Snapshot restore",
          SnapshotRestoreResult.class,
          SnapshotRestoreReport::of);

  private SnapshotRestoreReport() {}

  static RunReport of(SnapshotRestoreResult r, ReportContext ctx) {
    boolean valid = r.validation() == null || r.validation().passed();
    RecoveryObjectives o = r.objectives();
    return RunReport.builder(
            ctx.workflowId(), "snapshot-restore", "Snapshot restore of " + r.service())
        .outcome(valid ? "SUCCEEDED" : "FAILED", valid, r.summary())
        .runLink(ctx.runLink())
        .service(
            r.service(),
            r.timeline(),
            o == null ? null : o.rto(),
            o == null ? null : o.rpo(),
            r.validation(),
            null)
        .note(r.snapshot() == null ? null : "Snapshot: " + describe(r.snapshot()))
        .note(r.drCopy() == null ? null : "Copied to the DR region first: " + describe(r.drCopy()))
        .note(
            "Restored in "
                + r.region()
                + " as "
                + r.restoredInstance()
                + endpoint(r.endpoint(), r.port())
                + "; the instance stays up (it is the recovery)")
        .build();
  }
}
