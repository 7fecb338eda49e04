package dev.drrunbooks.incident;

import java.time.Instant;

/**
 * A recovery procedure started from the incident.
 *
 * @param state RUNNING, then the child's outcome (SWITCHED, ABORTED, NOT_NEEDED, RESTORED, RECOVERED) or FAILED
 */
public record ChildRecovery(String workflowId, String kind, String service, String startedBy, Instant startedAt,
    String state, Instant endedAt, String detail) {

  public boolean running() {
    return "RUNNING".equals(state);
  }
}
