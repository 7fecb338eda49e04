package dev.drrunbooks.incident;

import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * {@code {"severity": "P1", "services": ["inventory"], "summary": "API returns 503"}} opens an incident;
 * an alert or a bot starts it.
 *
 * @param severity P1 (complete outage), P2 (partial degradation), P3 (non-critical feature unavailable) or P4 (minor)
 * @param services catalog service keys affected, at least one
 * @param detectedAt when the alert fired (ISO-8601); phase deadlines and the RTO run from it (default: now)
 * @param openedBy who or what opened it (default "alert")
 */
public record IncidentInput(String severity, List<String> services, String summary, String detectedAt, String openedBy) implements RunInput {

  public static IncidentInput of(String severity, List<String> services, String summary) {
    return new IncidentInput(severity, services, summary, null, null);
  }
}
