package dev.drrunbooks.incident;

import java.time.Duration;

/**
 * The runbook's P1 response phases and when each must be done, counted from detection: detection
 * (acknowledged) by +5m, assessment by +15m, communication by +20m (the runbook's 0-5, 5-15, 15-20
 * minutes). The runbook gives recovery "20+ minutes" and verification no time: here recovery must
 * be <em>done</em> within the strictest RTO among the affected services (done when a recovery
 * procedure started from the incident completes successfully, i.e. not FAILED, ABORTED or a
 * failover found NOT_NEEDED, or on a note of kind recovery), and verification must be done within
 * that same RTO. Lower severities multiply these by {@link Severity#scale()}.
 *
 * <p>Incidents opened before {@code IncidentResponseWorkflowImpl.RECOVERY_DONE_ON_CHILD_SUCCESS}
 * keep the old reading: recovery done when a procedure <em>started</em>, due by +20m ({@link
 * #p1Deadline()}).
 */
public enum IncidentPhase {
  DETECTION("detection", Duration.ofMinutes(5), "nobody acknowledged the incident"),
  ASSESSMENT(
      "assessment",
      Duration.ofMinutes(15),
      "no assessment recorded (a note of kind assessment, or a recovery started)"),
  COMMUNICATION(
      "communication",
      Duration.ofMinutes(20),
      "no communication recorded (status page, stakeholders, incident channel: a note of kind"
          + " communication)"),
  RECOVERY(
      "recovery",
      Duration.ofMinutes(20),
      "no recovery completed (a recovery procedure that succeeded, or a note of kind recovery)"),
  VERIFICATION("verification", null, "the affected services are not verified within the RTO");

  private final String label;
  private final Duration p1Deadline;
  private final String missing;

  IncidentPhase(String label, Duration p1Deadline, String missing) {
    this.label = label;
    this.p1Deadline = p1Deadline;
    this.missing = missing;
  }

  public String label() {
    return label;
  }

  /**
   * The P1 offset from detection; null for verification (the RTO decides). Recovery's +20m applies
   * only to incidents opened before recovery became due within the RTO.
   */
  public Duration p1Deadline() {
    return p1Deadline;
  }

  public String missing() {
    return missing;
  }
}
