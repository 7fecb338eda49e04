package dev.drrunbooks.snapshotrestore;

import dev.drrunbooks.restore.RestoreStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The runbook's restore from snapshot, optionally after a copy to the DR region. */
@WorkflowInterface
public interface SnapshotRestoreWorkflow {

  @WorkflowMethod(name = "SnapshotRestore")
  SnapshotRestoreResult run(SnapshotRestoreInput input);

  @QueryMethod
  RestoreStatus status();
}
