package dev.drrunbooks.incident;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.FollowUpDrill;
import java.time.Instant;
import java.util.List;

/**
 * How the incident went: its phases against their deadlines, the escalations, the recoveries
 * started and their outcomes, RTO (and RPO where a restore measured it) per service, the timeline,
 * and where the post-incident review's report was written.
 *
 * @param outcome RESOLVED, or RESOLVED_FORCED (resolved without every service verified)
 * @param escalated the phases whose deadline was missed and escalated
 */
public record IncidentResult(
    String incidentId,
    String severity,
    List<String> services,
    String summary,
    IncidentOutcome outcome,
    Instant detectedAt,
    Instant resolvedAt,
    String resolvedBy,
    List<PhaseStatus> phases,
    List<String> escalated,
    List<ChildRecovery> children,
    List<ServiceRecovery> objectives,
    List<TimelineEntry> timeline,
    ReportFiles review,
    FollowUpDrill followUpDrill,
    String summaryLine) {}
