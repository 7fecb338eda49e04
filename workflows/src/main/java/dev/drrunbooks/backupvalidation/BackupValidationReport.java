package dev.drrunbooks.backupvalidation;

import static dev.drrunbooks.report.ReportLines.describe;
import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * The weekly backup test as a report. The result carries no objectives: with the service's catalog
 * objectives (from the context) the restore's duration is set against its RTO, since a snapshot
 * restore that cannot finish within the RTO cannot recover in time. Pure.
 */
public final class BackupValidationReport {
  public static final ReportMapping<BackupValidationResult> MAPPING =
      ReportMapping.of("backup-validation", "Backup validation", BackupValidationReport::of);

  private BackupValidationReport() {}

  static RunReport of(BackupValidationResult r, ReportContext ctx) {
    Objectives objectives = ctx.objectives(r.service());
    boolean valid = r.validation() == null || r.validation().passed();
    boolean leftBehind = nz(r.cleanup()).stream().anyMatch(c -> c.outcome() == Outcome.FAILED);
    ObjectiveCheck rto =
        objectives == null
            ? null
            : ObjectiveCheck.of(
                objectives.rto(),
                r.restoreDuration(),
                "restore duration (from restore request to available)");
    ObjectiveCheck rpo =
        objectives == null
            ? null
            : new ObjectiveCheck(
                objectives.rpo(),
                null,
                false,
                "not measured: a backup test restores a snapshot, not to a point in time");
    return MAPPING
        .builder(ctx, r.service())
        .outcome(valid && !leftBehind ? "SUCCEEDED" : "FAILED", valid && !leftBehind, r.summary())
        .service(r.service(), r.timeline(), rto, rpo, r.validation(), null)
        .cleanup(r.service(), r.cleanup())
        .note(r.snapshot() == null ? null : "Backup tested: " + describe(r.snapshot()))
        .note(
            "Validation instance "
                + r.validationInstance()
                + ", restored in "
                + (r.restoreDuration() == null
                    ? "unknown time"
                    : Durations.format(r.restoreDuration())))
        .build();
  }
}
