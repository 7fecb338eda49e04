package dev.drrunbooks.incident;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;

/**
 * The changeSeverity update: a new severity moves every deadline not yet met (see {@link
 * PhaseDeadlines}).
 */
final class SeverityHandler implements UpdateHandler<SeverityChange> {
  private final IncidentState state;

  SeverityHandler(IncidentState state) {
    this.state = state;
  }

  @Override
  public void validate(SeverityChange change) {
    if (change == null)
      throw new IllegalArgumentException("severity: give the new severity, who and why");
    Severity next = Severity.parse("severity", change.severity());
    UpdateChecks.requireWhoWhy(change.who(), change.why(), "say why the severity changes");
    if (next == state.severity)
      throw new IllegalArgumentException("severity: the incident is already " + next);
  }

  @Override
  public Object apply(SeverityChange change) {
    Severity before = state.severity;
    state.severity = Severity.parse("severity", change.severity());
    state.severityHistory.add(
        before + " -> " + state.severity + " by " + change.who() + ": " + change.why());
    state
        .timeline()
        .record(
            "severity " + before + " -> " + state.severity,
            Timeline.now(),
            Outcome.SUCCEEDED,
            "by "
                + change.who()
                + ": "
                + change.why()
                + "; deadlines now "
                + new PhaseDeadlines(state).line());
    return null;
  }
}
