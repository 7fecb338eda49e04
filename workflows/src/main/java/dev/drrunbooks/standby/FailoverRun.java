package dev.drrunbooks.standby;

import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.catalog.ServiceDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * What every step of one standby failover run reads: the service, its input and standby, the gate's
 * policy, the objectives (null when the catalog gives none) and when the run and the incident began
 * (incident null: the RTO counts from the run's start).
 */
record FailoverRun(
    ServiceDefinition service,
    StandbyFailoverInput in,
    Standby standby,
    GatePolicy gatePolicy,
    Duration rpo,
    Duration rto,
    Instant start,
    Instant incident) {

  boolean acceptDataLoss() {
    return Boolean.TRUE.equals(in.acceptDataLoss());
  }

  /**
   * When the promotion must have completed: the RTO from the incident or the start (1 h without).
   */
  Instant deadline() {
    return (incident != null ? incident : start).plus(rto != null ? rto : Duration.ofHours(1));
  }
}
