package dev.drrunbooks.failover;

import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * {@code {"service": "inventory"}} fails Inventory's DNS record over to the secondary if the
 * primary is unhealthy, with the catalog's approval policy and stages.
 *
 * @param direction "failover" (default) or "failback"
 * @param force go ahead although the primary looks healthy, or the target does not
 * @param skipAssessment the caller already decided to move traffic (an evacuation): a healthy
 *     primary does not stop the run; the target must still be healthy unless forced
 * @param requireApproval overrides the catalog's policy
 * @param approvalTimeout e.g. 15m (default from the catalog)
 * @param onApprovalTimeout abort or proceed (default from the catalog)
 * @param stages rising percentages of traffic to the target, ending at 100, e.g. [10, 50, 100]
 * @param probes how many HTTP probes per check (default 3)
 * @param incidentTime when the incident began (ISO-8601): the achieved RTO is measured from it
 */
public record DnsFailoverInput(
    String service,
    Direction direction,
    Boolean force,
    Boolean skipAssessment,
    Boolean requireApproval,
    String approvalTimeout,
    String onApprovalTimeout,
    List<Integer> stages,
    Integer probes,
    String incidentTime) implements RunInput {

  public static DnsFailoverInput of(String service, Direction direction) {
    return new DnsFailoverInput(service, direction, null, null, null, null, null, null, null, null);
  }
}
