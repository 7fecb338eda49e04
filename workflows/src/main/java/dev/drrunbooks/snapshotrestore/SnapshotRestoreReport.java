package dev.drrunbooks.snapshotrestore;

import static dev.drrunbooks.report.ReportLines.describe;
import static dev.drrunbooks.report.ReportLines.keptAs;

import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A snapshot restore as a report: the snapshot used, the DR-region copy, RTO and RPO, the
 * validation. Pure.
 */
public final class SnapshotRestoreReport {
  public static final ReportMapping<SnapshotRestoreResult> MAPPING =
      ReportMapping.of("snapshot-restore", "Snapshot restore", SnapshotRestoreReport::of);

  private SnapshotRestoreReport() {}

  static RunReport of(SnapshotRestoreResult r, ReportContext ctx) {
    return MAPPING
        .builder(ctx, r.service())
        .recovery(r.service(), r.timeline(), r.objectives(), r.validation(), r.summary())
        .note(r.snapshot() == null ? null : "Snapshot: " + describe(r.snapshot()))
        .note(r.drCopy() == null ? null : "Copied to the DR region first: " + describe(r.drCopy()))
        .note("Restored in " + r.region() + keptAs(r.restoredInstance(), r.endpoint(), r.port()))
        .build();
  }
}
