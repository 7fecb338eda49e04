package dev.drrunbooks.pitr;

import dev.drrunbooks.runbook.Procedure;

/** The runbook's point-in-time recovery, into a new instance that stays up. */
public final class PointInTimeRestore {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<PointInTimeRestoreWorkflow, PointInTimeRestoreResult> PROCEDURE =
      Procedure.of(PointInTimeRestoreWorkflow.class, PointInTimeRestoreWorkflowImpl.class)
          .startedBy("pitr", PointInTimeRestoreWorkflowImpl.RULES)
          .reportedAs(PointInTimeRestoreReport.MAPPING);

  private PointInTimeRestore() {}
}
