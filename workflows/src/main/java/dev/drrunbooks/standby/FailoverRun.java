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

  /** The roles are swapped: {@code standby} is {@link Standby#reversed} (input failback). */
  boolean failback() {
    return Boolean.TRUE.equals(in.failback());
  }

  /**
   * The region whose database pointer is read and moved (a parameter pointer has one per region; a
   * CNAME ignores it): always the catalog's standby region, the one a failover moved and a failback
   * moves back, so after both every region's pointer names the catalog's primary again.
   */
  String pointerRegion() {
    return failback() ? standby.primaryRegion() : standby.replicaRegion();
  }

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
