package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.worker.ops.RunVisibilityGauges;
import org.junit.jupiter.api.Test;

/** The worker's waiting-at-gate gauge counts the runs `dr list --waiting` lists. */
class GatePhasesMatchWorkerTest {
  @Test
  void theWorkersGatePhasesAreTheStarters() {
    assertEquals(GatePhases.ALL, RunVisibilityGauges.GATE_PHASES);
  }
}
