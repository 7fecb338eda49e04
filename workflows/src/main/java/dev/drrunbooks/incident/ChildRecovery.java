package dev.drrunbooks.incident;

import java.time.Instant;

/**
 * A recovery procedure started from the incident.
 *
 * @param kind written as its key ({@code "failover"}, ...), as before it was an enum
 * @param state RUNNING, then the child's outcome (SWITCHED, ABORTED, NOT_NEEDED, RESTORED,
 *     RECOVERED) or FAILED
 */
public record ChildRecovery(
    String workflowId,
    RecoveryKind kind,
    String service,
    String startedBy,
    Instant startedAt,
    String state,
    Instant endedAt,
    String detail) {

  public static final String RUNNING = "RUNNING";

  public boolean running() {
    return RUNNING.equals(state);
  }

  /** This recovery ended: its final state, when, and what it reported. */
  ChildRecovery ended(String endState, Instant at, String endDetail) {
    return new ChildRecovery(
        workflowId, kind, service, startedBy, startedAt, endState, at, endDetail);
  }
}
