package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.restore.RestoreStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Proves a backup restores and holds the expected data; a failed check fails the run with the
 * evidence.
 */
@WorkflowInterface
public interface BackupValidationWorkflow {

  @WorkflowMethod(name = "BackupValidation")
  BackupValidationResult run(BackupValidationInput input);

  @QueryMethod
  RestoreStatus status();
}
