package dev.drrunbooks.pitr;

import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import dev.drrunbooks.activities.rds.CopySettings;
import java.util.List;

/**
 * The recovered instance (left running: that is the point), its data checks, and RTO/RPO achieved.
 *
 * @param copySettings the copy's protections as verified after validation, with every setting where it differs
 *     from its source and why; null for runs recorded before the copy was protected
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
    CopySettings copySettings) {

  /** Without the copy's settings (runs recorded before they were settled). */
  public PointInTimeRestoreResult(String service, String sourceInstance, String restoredInstance, String endpoint,
      Integer port, Instant restorePoint, RestorableWindow window, ValidationReport validation,
      RecoveryObjectives objectives, List<TimelineEntry> timeline, String summary) {
    this(service, sourceInstance, restoredInstance, endpoint, port, restorePoint, window, validation, objectives,
        timeline, summary, null);
  }
}
