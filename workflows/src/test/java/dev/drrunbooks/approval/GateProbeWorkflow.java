package dev.drrunbooks.approval;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One gate with the given approval rule, for testing the gate alone. */
@WorkflowInterface
public interface GateProbeWorkflow extends Approvable {
  @WorkflowMethod
  GateDecision run(String step, GateApprovers rule);

  @QueryMethod
  GateStatus waiting();
}
