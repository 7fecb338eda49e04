package dev.drrunbooks.incident;

import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * {@code {"severity": "P1", "services": ["inventory"], "summary": "API returns 503"}} opens an
 * incident; an alert or a bot starts it.
 *
 * @param severity P1 (complete outage), P2 (partial degradation), P3 (non-critical feature
 *     unavailable) or P4 (minor)
 * @param services catalog service keys affected, at least one
 * @param detectedAt when the alert fired (ISO-8601); phase deadlines and the RTO run from it
 *     (default: now)
 * @param openedBy who or what opened it (default "alert")
 * @param continueAsNewAfterEvents history events after which a run continues as new (default
 *     {@value ContinueAsNewPolicy#DEFAULT_EVENTS}, at least {@value
 *     ContinueAsNewPolicy#MIN_EVENTS}; or earlier when Temporal suggests it); lowered by tests
 * @param state set by continue-as-new only: the previous run's state; the other fields are then
 *     ignored
 */
public record IncidentInput(
    String severity,
    List<String> services,
    String summary,
    String detectedAt,
    String openedBy,
    Integer continueAsNewAfterEvents,
    IncidentState state)
    implements RunInput {

  /** An incident opened as an operator or an alert opens one. */
  public IncidentInput(
      String severity, List<String> services, String summary, String detectedAt, String openedBy) {
    this(severity, services, summary, detectedAt, openedBy, null, null);
  }

  public static IncidentInput of(String severity, List<String> services, String summary) {
    return new IncidentInput(severity, services, summary, null, null);
  }

  /** The next run of a long incident: everything is in {@code state}. */
  static IncidentInput continuing(IncidentState state) {
    return new IncidentInput(null, null, null, null, null, null, state);
  }
}
