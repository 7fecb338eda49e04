package dev.drrunbooks.pitr;

import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** The recovered instance (left running: that is the point), its data checks, and RTO/RPO achieved. */
public record PointInTimeRestoreResult(
    String service,
    String sourceInstance,
    String restoredInstance,
    String endpoint,
    Integer port,
    Instant restorePoint,
    RestorableWindow window,
    ValidationReport validation,
    RecoveryObjectives objectives,
    List<TimelineEntry> timeline,
    String summary) {}
