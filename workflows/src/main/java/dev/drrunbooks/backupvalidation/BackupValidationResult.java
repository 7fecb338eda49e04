package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Duration;
import java.util.List;

/** Which backup was tested, how long its restore took, the data evidence, and the clean-up. */
public record BackupValidationResult(
    String service,
    SnapshotInfo snapshot,
    String validationInstance,
    Duration restoreDuration,
    ValidationReport validation,
    List<CleanupRecord> cleanup,
    List<TimelineEntry> timeline,
    String summary) {}
