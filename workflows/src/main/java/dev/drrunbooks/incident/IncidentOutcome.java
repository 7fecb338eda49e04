package dev.drrunbooks.incident;

/**
 * How an incident ended: resolved with every service verified and no recovery running, or forced.
 */
public enum IncidentOutcome {
  RESOLVED,
  /** Resolved by force: a service was not verified, or a recovery procedure was still running. */
  RESOLVED_FORCED;

  /** As a summary line says it: "resolved", "resolved forced". */
  String words() {
    return name().toLowerCase().replace('_', ' ');
  }
}
