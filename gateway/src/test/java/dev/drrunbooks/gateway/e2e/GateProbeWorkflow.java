package dev.drrunbooks.gateway.e2e;

import dev.drrunbooks.approval.Approvable;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GateStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A run that waits at one real {@link dev.drrunbooks.approval.ApprovalGate} (the procedures' gate,
 * its validator and its answers), so gateway tests steer a gate without a procedure's AWS world.
 */
@WorkflowInterface
public interface GateProbeWorkflow extends Approvable {
  /**
   * @param rule who may answer and how many distinct approvers it needs; null: anyone, once
   */
  @WorkflowMethod(name = "GatewayGateProbe")
  GateDecision run(String step, GateApprovers rule);

  /** The gate waited at (null once answered) and the answers it ignored. */
  @QueryMethod
  Probe probe();

  record Probe(GateStatus waiting, List<String> ignored) {}
}
