package dev.drrunbooks.datarecovery;

import dev.drrunbooks.runbook.Procedure;

/**
 * The runbook's corrupted-data recovery: find when the corruption began, restore before it, replay
 * the good later transactions; two approvals.
 */
public final class CorruptedDataRecovery {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<CorruptedDataRecoveryWorkflow, CorruptedDataRecoveryResult>
      PROCEDURE =
          Procedure.of(CorruptedDataRecoveryWorkflow.class, CorruptedDataRecoveryWorkflowImpl.class)
              .startedBy("recover-data", CorruptedDataRecoveryWorkflowImpl.RULES)
              .reportedAs(CorruptedDataRecoveryReport.MAPPING);

  private CorruptedDataRecovery() {}
}
