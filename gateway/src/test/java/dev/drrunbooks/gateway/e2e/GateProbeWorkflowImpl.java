package dev.drrunbooks.gateway.e2e;

import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.approval.GatedWorkflow;
import dev.drrunbooks.catalog.GateDefault;
import java.time.Duration;

public class GateProbeWorkflowImpl extends GatedWorkflow implements GateProbeWorkflow {
  @Override
  public GateDecision run(String step) {
    return gate.await(step, Duration.ofMinutes(10), GateDefault.ABORT);
  }

  @Override
  public Probe probe() {
    return new Probe(gate.waiting(), gate.ignored());
  }
}
