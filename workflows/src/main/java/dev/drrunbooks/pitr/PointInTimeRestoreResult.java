package dev.drrunbooks.pitr;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * The recovered instance (left running: that is the point), its data checks, and RTO/RPO achieved.
 *
 * @param copySettings the copy's protections as verified after validation, with every setting where
 *     it differs from its source and why; null for runs recorded before the copy was protected
 * @param region where the restored instance is
 * @param restoredFrom what it was restored from: "instance X", "retained automated backup of
 *     deleted instance X (resource id db-...)" or "automated backups of X replicated from R1 to R2
 *     (arn)"
 */
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
    String summary,
    CopySettings copySettings,
    String region,
    String restoredFrom) {

  @JsonCreator
  public PointInTimeRestoreResult {}
}
