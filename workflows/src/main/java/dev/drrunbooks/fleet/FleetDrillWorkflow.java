package dev.drrunbooks.fleet;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The DR drill of many services: one DR drill child run per service, a bounded number in flight
 * ({@link FleetLimits}), the rest queued; its report aggregates the children's outcomes and
 * achieved RTO and RPO, and each child keeps its own report and ledger row. A DR drill asks no
 * approval (it touches nothing of production), so neither does the fleet. Cancelling it cancels
 * every child in flight and waits for their clean-ups.
 */
@WorkflowInterface
public interface FleetDrillWorkflow {

  @WorkflowMethod(name = "FleetDrill")
  FleetDrillResult run(FleetDrillInput input);

  /** How many children are queued, in flight and done. */
  @QueryMethod
  String status();
}
