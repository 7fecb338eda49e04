package dev.drrunbooks.temporal;

import dev.drrunbooks.lock.LockActivities;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;

/** Reads a lock's holder from the lock run's description: its parent is the holder. */
public class LockActivitiesImpl implements LockActivities {

  @Override
  public String describeHolder(String lockWorkflowId) {
    WorkflowExecutionDescription lock;
    try {
      lock = Activity.getExecutionContext().getWorkflowClient().newUntypedWorkflowStub(lockWorkflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return "a run that has released it meanwhile (start again)";
    }
    if (lock.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return "a run that has released it meanwhile (start again)";
    }
    WorkflowExecution parent = lock.getParentExecution();
    if (parent == null || parent.getWorkflowId().isEmpty()) {
      return "lock run " + lockWorkflowId + " (run id " + lock.getExecution().getRunId() + ") with no holding run";
    }
    return "run " + parent.getWorkflowId() + " (run id " + parent.getRunId() + ")";
  }
}
