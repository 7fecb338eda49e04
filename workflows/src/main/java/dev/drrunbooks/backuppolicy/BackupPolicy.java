package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.runbook.Procedure;

/**
 * The runbook's backup strategy, checked and enforced: RDS automated backups and their replication
 * to the DR region, S3 versioning and cross-region replication.
 */
public final class BackupPolicy {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<BackupPolicyWorkflow, BackupPolicyResult> PROCEDURE =
      Procedure.of(BackupPolicyWorkflow.class, BackupPolicyWorkflowImpl.class)
          .startedBy("backup-policy", BackupPolicyWorkflowImpl.RULES)
          .reportedAs(BackupPolicyReport.MAPPING);

  private BackupPolicy() {}
}
