package dev.drrunbooks.datarecovery;

import dev.drrunbooks.activities.replay.CorruptionEvidence;
import dev.drrunbooks.activities.replay.ReplayPlan;
import dev.drrunbooks.activities.replay.ReplayProgress;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * The restore point and why, the recovered instance and its integrity checks, what was replayed and
 * skipped, and the RPO achieved: zero when every good transaction was carried over.
 */
public record CorruptedDataRecoveryResult(
    String service,
    Instant corruptionTime,
    Instant restorePoint,
    CorruptionEvidence evidence,
    String recoveredInstance,
    ValidationReport integrity,
    ReplayPlan plan,
    ReplayProgress replay,
    ObjectiveCheck rpo,
    List<TimelineEntry> timeline,
    String summary) {}
