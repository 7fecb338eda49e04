package dev.drrunbooks.fleet;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The weekly backup test for many services: one backup-validation child run per service, a bounded
 * number in flight ({@link FleetLimits}), the rest queued; its report aggregates the children's
 * outcomes, and each child keeps its own report and ledger row. Cancelling it cancels every child
 * in flight and waits for their clean-ups.
 */
@WorkflowInterface
public interface FleetValidationWorkflow {

  @WorkflowMethod(name = "FleetValidation")
  FleetValidationResult run(FleetValidationInput input);

  /** How many children are queued, in flight and done. */
  @QueryMethod
  String status();
}
