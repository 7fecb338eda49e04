package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.GateStatus;
import java.util.List;

/** The status query: phase, the gate waited at, and each service's progress so far. */
public record EvacuationStatus(String phase, GateStatus waitingFor, List<ServiceEvacuation> services) {}
