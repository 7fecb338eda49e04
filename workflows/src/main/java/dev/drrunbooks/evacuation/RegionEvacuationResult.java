package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/** COMPLETE, PARTIAL (some services stayed), ABORTED or FAILED, with the story per service. */
public record RegionEvacuationResult(
    String outcome, GateDecision approval, List<ServiceEvacuation> services, List<TimelineEntry> timeline,
    String summary) {}
