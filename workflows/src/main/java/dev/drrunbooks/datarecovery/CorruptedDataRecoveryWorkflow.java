package dev.drrunbooks.datarecovery;

import dev.drrunbooks.approval.Approvable;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Instant;

/**
 * The runbook's corrupted-data and lost-transaction recovery: find when the data went bad, have an
 * operator confirm (or correct) the restore point, restore to it (a PointInTimeRestore child),
 * check integrity, show the operator what will be replayed, and on approval replay the good later
 * transactions into the recovered database, each exactly once.
 */
@WorkflowInterface
public interface CorruptedDataRecoveryWorkflow extends Approvable {

  @WorkflowMethod(name = "CorruptedDataRecovery")
  CorruptedDataRecoveryResult run(CorruptedDataRecoveryInput input);

  /** While the restore point waits for confirmation: replace the proposal. */
  @UpdateMethod
  Instant correctRestorePoint(RestorePointCorrection correction);

  @UpdateValidatorMethod(updateName = "correctRestorePoint")
  void validateCorrection(RestorePointCorrection correction);

  @QueryMethod
  DataRecoveryStatus status();
}
