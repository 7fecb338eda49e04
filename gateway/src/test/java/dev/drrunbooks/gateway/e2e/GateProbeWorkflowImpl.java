package dev.drrunbooks.gateway.e2e;

import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.GateDefault;
import java.time.Duration;

public class GateProbeWorkflowImpl extends GatedWorkflow implements GateProbeWorkflow {
  @Override
  public GateDecision run(String step, GateApprovers rule) {
    return gate.await(
        step,
        Duration.ofMinutes(10),
        GateDefault.ABORT,
        rule == null ? GateApprovers.ANYONE : rule);
  }

  @Override
  public Probe probe() {
    return new Probe(gate.waiting(), gate.ignored());
  }
}
