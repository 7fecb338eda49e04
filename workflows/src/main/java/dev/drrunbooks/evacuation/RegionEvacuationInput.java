package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * {@code {}} evacuates every service with a DR deployment and a DNS record; {@code {"services":
 * ["inventory"]}} just Inventory. One approval gate covers the whole evacuation.
 *
 * @param requireApproval required by default; false is refused unless no evacuated service's
 *     catalog policy requires approval
 * @param approvalTimeout default 15m
 * @param onApprovalTimeout abort (default) or proceed, refused unless every evacuated service's
 *     catalog policy proceeds (see {@link dev.drrunbooks.approval.GatePolicy})
 * @param force send traffic even to a DR region that fails its health probe
 * @param waitBudget how long each service may take to become steady in the DR region (default: its
 *     RTO)
 * @param breakGlass an emergency override of the gate by a named person with a reason, recorded as
 *     break-glass here and in each service's failover
 */
public record RegionEvacuationInput(
    List<String> services,
    Boolean requireApproval,
    String approvalTimeout,
    String onApprovalTimeout,
    Boolean force,
    String incidentTime,
    String waitBudget,
    BreakGlass breakGlass)
    implements RunInput {

  public static RegionEvacuationInput of(List<String> services) {
    return new RegionEvacuationInput(services, null, null, null, null, null, null, null);
  }
}
