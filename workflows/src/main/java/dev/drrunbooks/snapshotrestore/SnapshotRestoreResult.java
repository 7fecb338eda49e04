package dev.drrunbooks.snapshotrestore;

import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/** The snapshot used (and its DR copy), the restored instance, its data checks, RTO and RPO achieved. */
public record SnapshotRestoreResult(
    String service,
    SnapshotInfo snapshot,
    SnapshotInfo drCopy,
    String region,
    String restoredInstance,
    String endpoint,
    Integer port,
    ValidationReport validation,
    RecoveryObjectives objectives,
    List<TimelineEntry> timeline,
    String summary) {}
