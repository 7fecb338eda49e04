package dev.drrunbooks.pitr;

import dev.drrunbooks.restore.RestoreStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The runbook's point-in-time recovery: restore, wait, validate, measure RTO and RPO. */
@WorkflowInterface
public interface PointInTimeRestoreWorkflow {

  @WorkflowMethod(name = "PointInTimeRestore")
  PointInTimeRestoreResult run(PointInTimeRestoreInput input);

  @QueryMethod
  RestoreStatus status();
}
