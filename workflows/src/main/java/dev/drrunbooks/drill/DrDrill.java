package dev.drrunbooks.drill;

import dev.drrunbooks.runbook.Procedure;

/**
 * The monthly DR drill: a test environment in the DR region, databases restored, applications
 * deployed and validated, a report, everything it created deleted.
 */
public final class DrDrill {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<DrDrillWorkflow, DrDrillResult> PROCEDURE =
      Procedure.of(DrDrillWorkflow.class, DrDrillWorkflowImpl.class)
          .startedBy("drill", DrDrillWorkflowImpl.RULES)
          .reportedAs(DrDrillReport.MAPPING);

  private DrDrill() {}
}
