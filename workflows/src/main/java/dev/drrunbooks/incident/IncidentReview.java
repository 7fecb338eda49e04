package dev.drrunbooks.incident;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved incident read from its state: RTO per service (detection to verification) and RPO
 * where a restore measured it, the summary line, the post-incident review's report and the run's
 * result.
 */
final class IncidentReview {
  private final IncidentState state;
  private final PhaseDeadlines deadlines;
  private final List<ServiceRecovery> objectives;
  private final FollowUpDrill drill;
  private final String line;

  /**
   * @param state a resolved incident's
   */
  IncidentReview(IncidentState state) {
    this.state = state;
    this.deadlines = new PhaseDeadlines(state);
    this.objectives = objectives(state);
    Resolution r = state.resolution;
    this.drill =
        r.followUpDrill() != null
            ? r.followUpDrill()
            : FollowUpDrill.none(
                "no drill scheduled: the resolve did not name one (see dr schedules list)");
    long breaches =
        objectives.stream()
            .filter(o -> o.rto().breached() || (o.rpo() != null && o.rpo().breached()))
            .count();
    this.line =
        state.severity
            + " incident "
            + state.incidentId
            + " "
            + outcome().words()
            + " by "
            + r.who()
            + " after "
            + Durations.format(Duration.between(state.detectedAt, state.resolvedAt))
            + "; "
            + state.escalated.size()
            + " deadline(s) missed; "
            + state.children.size()
            + " recovery procedure(s); "
            + (breaches == 0 ? "objectives met" : breaches + " service(s) breached an objective");
  }

  /**
   * Forced when a service is unverified or a recovery still runs (only a forced resolve gets
   * there).
   */
  boolean forced() {
    return !state.unverified().isEmpty() || !state.runningChildren().isEmpty();
  }

  IncidentOutcome outcome() {
    return forced() ? IncidentOutcome.RESOLVED_FORCED : IncidentOutcome.RESOLVED;
  }

  private static List<ServiceRecovery> objectives(IncidentState state) {
    List<ServiceRecovery> out = new ArrayList<>();
    for (String key : state.services) {
      ServiceDefinition s = state.definitions.get(key);
      Instant v = state.verifiedAt.get(key);
      ObjectiveCheck rto =
          ObjectiveCheck.of(
              s.spec().objectives().rto(),
              v == null ? null : Duration.between(state.detectedAt, v),
              v == null
                  ? "not verified before the incident was resolved"
                  : "from incident time " + state.detectedAt + " to verification at " + v);
      ObjectiveCheck rpo =
          state.rpoByService.getOrDefault(
              key,
              ObjectiveCheck.of(
                  s.spec().objectives().rpo(),
                  null,
                  "not measured: no restore was run from the incident"));
      out.add(new ServiceRecovery(key, v, rto, rpo));
    }
    return out;
  }

  /**
   * The post-incident review: the timeline with each child's steps, objectives, phases, notes, root
   * cause.
   */
  RunReport report(String procedure) {
    RunReport.Builder report =
        RunReport.builder(
                state.incidentId, procedure, state.severity + " incident: " + state.summary)
            .outcome(outcome().name(), !forced(), line)
            .clockStart(state.detectedAt)
            .period(state.detectedAt, state.resolvedAt)
            .steps(List.copyOf(state.timeline));
    for (ServiceRecovery o : objectives) {
      report.objectives(o.service(), o.rto(), o.rpo(), o.verifiedAt() != null);
      if (state.validationByService.containsKey(o.service())) {
        report.validation(o.service(), state.validationByService.get(o.service()));
      }
    }
    for (ChildRecovery c : state.children.values()) {
      List<TimelineEntry> steps = state.childTimelines.get(c.workflowId());
      if (steps != null) {
        report.stepsOf(
            c.service(),
            steps.stream()
                .map(
                    e ->
                        new TimelineEntry(
                            c.workflowId() + ": " + e.step(),
                            e.start(),
                            e.end(),
                            e.outcome(),
                            e.detail()))
                .toList());
      }
      report.note(IncidentNotes.recovery(c));
    }
    report.note("Severity: " + String.join("; ", state.severityHistory));
    for (PhaseStatus ps : deadlines.statuses(state.resolvedAt)) {
      report.note(IncidentNotes.phase(ps));
    }
    state.notes.forEach(n -> report.note("Note: " + n));
    Resolution r = state.resolution;
    report.note(
        "Root cause: "
            + (r.rootCause() == null || r.rootCause().isBlank()
                ? "to be filled in"
                : r.rootCause()));
    report.note(
        "Follow-up DR drill: "
            + (drill.nextRun() != null
                ? drill.nextRun() + " (schedule " + drill.scheduleId() + ")"
                : drill.note()));
    return report.build();
  }

  /**
   * The run's result: the one place an {@link IncidentResult} is built.
   *
   * @param review where the review was written; null when writing it failed (the timeline says why)
   */
  IncidentResult result(ReportFiles review) {
    return new IncidentResult(
        state.incidentId,
        state.severity.name(),
        state.services,
        state.summary,
        outcome(),
        state.detectedAt,
        state.resolvedAt,
        state.resolution.who(),
        deadlines.statuses(state.resolvedAt),
        state.escalatedLabels(),
        List.copyOf(state.children.values()),
        objectives,
        List.copyOf(state.timeline),
        review,
        drill,
        line);
  }
}
