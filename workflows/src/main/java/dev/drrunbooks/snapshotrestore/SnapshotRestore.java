package dev.drrunbooks.snapshotrestore;

import dev.drrunbooks.runbook.Procedure;

/**
 * The runbook's restore from snapshot (a manual, final or automated one), optionally copied to the
 * DR region first.
 */
public final class SnapshotRestore {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<SnapshotRestoreWorkflow, SnapshotRestoreResult> PROCEDURE =
      Procedure.of(SnapshotRestoreWorkflow.class, SnapshotRestoreWorkflowImpl.class)
          .startedBy("restore-snapshot", SnapshotRestoreWorkflowImpl.RULES)
          .reportedAs(SnapshotRestoreReport.MAPPING);

  private SnapshotRestore() {}
}
