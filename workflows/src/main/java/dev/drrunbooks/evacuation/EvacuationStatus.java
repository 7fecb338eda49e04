package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.GateStatus;
import java.util.List;

/**
 * The status query: phase, the gate waited at, each service's progress so far, and answers the gate
 * ignored.
 */
public record EvacuationStatus(
    String phase,
    GateStatus waitingFor,
    List<ServiceEvacuation> services,
    List<String> ignoredAnswers) {}
