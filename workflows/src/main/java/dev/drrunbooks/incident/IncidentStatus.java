package dev.drrunbooks.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status query: where the incident is, each phase against its deadline, and the recoveries
 * started.
 */
public record IncidentStatus(
    String incidentId,
    String severity,
    List<String> services,
    String summary,
    String phase,
    Instant detectedAt,
    Duration elapsed,
    String acknowledgedBy,
    List<PhaseStatus> phases,
    List<ChildRecovery> children,
    List<String> verified,
    int escalations,
    boolean resolved) {}
