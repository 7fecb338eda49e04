package dev.drrunbooks.snapshotrestore;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * The snapshot used (and its DR copy), the restored instance, its data checks, RTO and RPO
 * achieved.
 *
 * @param copySettings the copy's protections as verified after validation, with every setting where
 *     it differs from its source and why; null for runs recorded before the copy was protected
 */
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
    String summary,
    CopySettings copySettings) {}
