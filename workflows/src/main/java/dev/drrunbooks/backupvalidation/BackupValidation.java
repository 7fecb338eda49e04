package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.runbook.Procedure;

/** The weekly backup test: restore a snapshot, check its data, delete the copy. */
public final class BackupValidation {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<BackupValidationWorkflow, BackupValidationResult> PROCEDURE =
      Procedure.of(BackupValidationWorkflow.class, BackupValidationWorkflowImpl.class)
          .startedBy("validate-backups", BackupValidationWorkflowImpl.RULES)
          .reportedAs(BackupValidationReport.MAPPING);

  private BackupValidation() {}
}
