package dev.drrunbooks.backuppolicy;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's "Backup Strategy": audits, and with {@code apply} enforces, RDS backup retention,
 * window and IAM authentication, S3 versioning and cross-region replication.
 */
@WorkflowInterface
public interface BackupPolicyWorkflow {

  @WorkflowMethod(name = "BackupPolicy")
  BackupPolicyResult run(BackupPolicyInput input);

  @QueryMethod
  BackupPolicyStatus status();
}
