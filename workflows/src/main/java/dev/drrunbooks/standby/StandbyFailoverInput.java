package dev.drrunbooks.standby;

import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.payload.RunInput;

/**
 * A standby failover's input. Only {@code service} is required.
 *
 * @param service the catalog key of a service whose recovery strategy is {@code replica}
 * @param acceptDataLoss promote even when the replica's lag exceeds the RPO or is unknown (the
 *     primary's region is down and the replica publishes no ReplicaLag): the data-loss window is
 *     measured and reported. Without it such a run is refused at the gate, nothing changed.
 * @param switchTraffic also fail the service's DNS record over, as a DNS failover child covered by
 *     this run's gate
 * @param incidentTime ISO-8601; the RTO is measured from it when given, else from the run's start
 * @param requireApproval may strengthen the catalog's failover policy, never weaken it
 * @param approvalTimeout e.g. 15m; may only shorten the catalog's
 * @param onApprovalTimeout abort or proceed; may only be stricter than the catalog's
 * @param breakGlass a person and a reason to pass a required gate without an answer
 * @param unplanned aurora-global only: fail over allowing data loss even when the primary's region
 *     answers, instead of the planned switchover (which RDS refuses while the global cluster is
 *     unhealthy: a member unavailable, a change of writer under way,
 *     https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html).
 *     The lag is then judged as for any failover: refused above the RPO unless acceptDataLoss
 * @param failback replica only: fail back after a failover and its replicate-back, the roles
 *     swapped ({@link Standby#reversed}): promote the catalog's primary, by then a read replica of
 *     the catalog's replica under the primary's name in the primary region, and move the pointer
 *     back to it. Refused for aurora-global, whose switchover goes either way already
 */
public record StandbyFailoverInput(
    String service,
    Boolean acceptDataLoss,
    Boolean switchTraffic,
    String incidentTime,
    Boolean requireApproval,
    String approvalTimeout,
    String onApprovalTimeout,
    BreakGlass breakGlass,
    Boolean unplanned,
    Boolean failback)
    implements RunInput {

  /** The service's failover with the catalog's gate and nothing else. */
  public static StandbyFailoverInput of(String service) {
    return new StandbyFailoverInput(service, null, null, null, null, null, null, null, null, null);
  }
}
