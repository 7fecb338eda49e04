package dev.drrunbooks.standby;

import dev.drrunbooks.approval.GateStatus;
import java.util.List;

/**
 * The status query: phase, the gate waited at (if any), what the run is doing, and the answers the
 * gate ignored with why.
 */
public record StandbyStatus(
    String phase, GateStatus waitingFor, String detail, List<String> ignoredAnswers) {}
