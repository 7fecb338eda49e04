package dev.drrunbooks.approval;

import dev.drrunbooks.catalog.GateDefault;
import java.time.Duration;

public class GateProbeWorkflowImpl extends GatedWorkflow implements GateProbeWorkflow {
  @Override
  public GateDecision run(String step, GateApprovers rule) {
    return gate.await(step, Duration.ofMinutes(10), GateDefault.ABORT, rule);
  }

  @Override
  public GateStatus waiting() {
    return gate.waiting();
  }
}
