package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/** How the evacuation ended, with the story per service. */
public record RegionEvacuationResult(
    EvacuationOutcome outcome,
    GateDecision approval,
    List<ServiceEvacuation> services,
    List<TimelineEntry> timeline,
    String summary) {}
