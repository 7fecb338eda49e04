package dev.drrunbooks.evacuation;

import dev.drrunbooks.runbook.Procedure;

/** Multi-region failover of several services: one approval, DR capacity first, then DNS. */
public final class RegionEvacuation {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<RegionEvacuationWorkflow, RegionEvacuationResult> PROCEDURE =
      Procedure.of(RegionEvacuationWorkflow.class, RegionEvacuationWorkflowImpl.class)
          .startedBy("evacuate", RegionEvacuationWorkflowImpl.RULES)
          .reportedAs(RegionEvacuationReport.MAPPING);

  private RegionEvacuation() {}
}
