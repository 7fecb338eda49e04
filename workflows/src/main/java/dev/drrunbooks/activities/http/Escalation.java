package dev.drrunbooks.activities.http;

import java.time.Instant;
import java.util.List;

/**
 * One missed phase deadline of an incident, as posted to the escalation webhook.
 *
 * @param phase detection, assessment, communication, recovery or verification
 * @param deadline when the phase should have been done by
 * @param detail what is missing, e.g. "nobody acknowledged the incident"
 */
public record Escalation(
    String incidentId,
    String severity,
    List<String> services,
    String summary,
    String phase,
    Instant detectedAt,
    Instant deadline,
    String detail) {

  /** Idempotency key for receivers: one escalation per incident and phase. */
  public String key() {
    return incidentId + "/" + phase;
  }
}
