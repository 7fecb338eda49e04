package dev.drrunbooks.failover;

import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.approval.GateDecision;
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
 * @param requireApproval true requires approval where the catalog does not; false is refused where
 *     the catalog requires it (see {@link dev.drrunbooks.approval.GatePolicy})
 * @param approvalTimeout e.g. 15m (default from the catalog; shorter than the catalog's is refused
 *     on a gate that proceeds on timeout)
 * @param onApprovalTimeout abort or proceed (default from the catalog; proceed is refused where it
 *     aborts)
 * @param stages rising percentages of traffic to the target, ending at 100, e.g. [10, 50, 100]
 * @param probes how many HTTP probes per check (default 3)
 * @param incidentTime when the incident began (ISO-8601): the achieved RTO is measured from it
 * @param breakGlass an emergency override of the catalog's gate by a named person with a reason,
 *     recorded as break-glass; a gate the health signals' disagreement requires still waits
 * @param parentApproval set by a parent run only (a region evacuation): its gate's decision covers
 *     this run
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
    String incidentTime,
    BreakGlass breakGlass,
    GateDecision parentApproval)
    implements RunInput {

  /**
   * A region evacuation's child: traffic moves whatever the primary's health (the parent decided),
   * at the catalog's stages; {@code parentApproval} is the parent gate's decision when the
   * catalog's gate was asked there (then {@code requireApproval} is left to the catalog), else
   * approval is not asked again.
   */
  public static DnsFailoverInput forEvacuation(
      String service, Boolean force, String incidentTime, GateDecision parentApproval) {
    return new DnsFailoverInput(
        service,
        Direction.FAILOVER,
        force,
        true,
        parentApproval == null ? false : null,
        null,
        null,
        null,
        null,
        incidentTime,
        null,
        parentApproval);
  }

  public static DnsFailoverInput of(String service, Direction direction) {
    return new DnsFailoverInput(
        service, direction, null, null, null, null, null, null, null, null, null, null);
  }
}
