package dev.drrunbooks.datarecovery;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.activities.sql.replay.CorruptionEvidence;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.activities.sql.replay.ReplayProgress;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * The restore point and why, the recovered instance and its integrity checks (as restored, and
 * again after the replay), what was replayed and skipped, the rows still wrong after it, the
 * outcome, and the RPO achieved: zero only when every good transaction was carried over and nothing
 * is still wrong. {@code integrityAfterReplay} and {@code verification} are null without a replay,
 * and in runs started before the check after the replay existed (their outcome says only whether
 * the replay completed); results stored before this field existed have a null {@code outcome}.
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
    ValidationReport integrityAfterReplay,
    RecoveryVerification verification,
    DataRecoveryOutcome outcome,
    ObjectiveCheck rpo,
    List<TimelineEntry> timeline,
    String summary) {}
