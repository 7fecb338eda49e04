package dev.drrunbooks.datarecovery;

import dev.drrunbooks.activities.sql.replay.ReplayPlan;
import dev.drrunbooks.approval.GateStatus;
import java.time.Instant;
import java.util.List;

/**
 * The status query: where the run is, the gate waited at, the restore point proposed, the replay
 * plan, and answers the gate ignored with why.
 */
public record DataRecoveryStatus(
    String phase,
    GateStatus waitingFor,
    Instant corruptionTime,
    Instant restorePoint,
    ReplayPlan plan,
    String detail,
    List<String> ignoredAnswers) {}
