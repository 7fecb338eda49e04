package dev.drrunbooks.evacuation;

import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * {@code {}} evacuates every service with a DR deployment and a DNS record; {@code {"services":
 * ["inventory"]}} just Inventory. One approval gate covers the whole evacuation.
 *
 * @param approvalTimeout default 15m
 * @param onApprovalTimeout abort (default) or proceed
 * @param force send traffic even to a DR region that fails its health probe
 * @param waitBudget how long each service may take to become steady in the DR region (default: its RTO)
 */
public record RegionEvacuationInput(
    List<String> services,
    Boolean requireApproval,
    String approvalTimeout,
    String onApprovalTimeout,
    Boolean force,
    String incidentTime,
    String waitBudget) implements RunInput {

  public static RegionEvacuationInput of(List<String> services) {
    return new RegionEvacuationInput(services, null, null, null, null, null, null);
  }
}
