package dev.drrunbooks.incident;

import dev.drrunbooks.model.RejectedSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status query: where the incident is, each phase against its deadline, and the recoveries
 * started.
 *
 * @param rejectedSignals the latest signals the run refused (at most {@value
 *     dev.drrunbooks.model.RejectedSignals#MAX}, oldest first), each with who sent it, when and why
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
    boolean resolved,
    List<RejectedSignal> rejectedSignals) {}
