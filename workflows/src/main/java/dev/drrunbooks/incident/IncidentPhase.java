package dev.drrunbooks.incident;

import java.time.Duration;

/**
 * The runbook's P1 response phases and when each must be done, counted from detection:
 * detection (acknowledged) by +5m, assessment by +15m, communication by +20m (the runbook's
 * 0-5, 5-15, 15-20 minutes). The runbook gives recovery "20+ minutes" and verification no time: here
 * recovery must have <em>started</em> by +20m (a procedure started from the incident, or a note of
 * kind recovery), and verification must be done within the strictest RTO among the affected services.
 * Lower severities multiply these by {@link Severity#scale()}.
 */
public enum IncidentPhase {
  DETECTION("detection", Duration.ofMinutes(5), "nobody acknowledged the incident"),
  ASSESSMENT("assessment", Duration.ofMinutes(15), "no assessment recorded (a note of kind assessment, or a recovery started)"),
  COMMUNICATION("communication", Duration.ofMinutes(20), "no communication recorded (status page, stakeholders, incident channel: a note of kind communication)"),
  RECOVERY("recovery", Duration.ofMinutes(20), "no recovery started (a recovery procedure, or a note of kind recovery)"),
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

  /** The P1 offset from detection; null for verification (the RTO decides). */
  public Duration p1Deadline() {
    return p1Deadline;
  }

  public String missing() {
    return missing;
  }
}
