package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Duration;
import java.util.List;

/**
 * Which backup was tested, how long its restore took, the data evidence, and the clean-up.
 *
 * @param copySettings the validation copy's settings where they differ from its source, and why
 *     (deletion protection always off); null for runs recorded before this was checked
 */
public record BackupValidationResult(
    String service,
    SnapshotInfo snapshot,
    String validationInstance,
    Duration restoreDuration,
    ValidationReport validation,
    List<CleanupRecord> cleanup,
    List<TimelineEntry> timeline,
    String summary,
    CopySettings copySettings) {

  /** Without the copy's settings (runs recorded before they were checked). */
  public BackupValidationResult(
      String service,
      SnapshotInfo snapshot,
      String validationInstance,
      Duration restoreDuration,
      ValidationReport validation,
      List<CleanupRecord> cleanup,
      List<TimelineEntry> timeline,
      String summary) {
    this(
        service,
        snapshot,
        validationInstance,
        restoreDuration,
        validation,
        cleanup,
        timeline,
        summary,
        null);
  }
}
