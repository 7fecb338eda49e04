package dev.drrunbooks.temporal;

import dev.drrunbooks.lock.LockActivities;
import dev.drrunbooks.lock.LockHolderState;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/** Reads a lock's holder from the lock run's description: its parent is the holder. */
public class LockActivitiesImpl implements LockActivities {
  private static final WorkflowExecutionStatus RUNNING =
      WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

  @Override
  public LockHolderState describeHolder(String lockWorkflowId) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    WorkflowExecutionDescription lock;
    try {
      lock = client.newUntypedWorkflowStub(lockWorkflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return new LockHolderState("nobody (released meanwhile)", false);
    }
    if (lock.getStatus() != RUNNING)
      return new LockHolderState("nobody (released meanwhile)", false);
    WorkflowExecution parent = lock.getParentExecution();
    if (parent == null || parent.getWorkflowId().isEmpty()) {
      return new LockHolderState(
          "lock run "
              + lockWorkflowId
              + " with no holding run (cancel or terminate it to "
              + "free the lock)",
          true);
    }
    WorkflowExecutionStatus holder;
    try {
      holder =
          client
              .newUntypedWorkflowStub(
                  parent.getWorkflowId(), Optional.of(parent.getRunId()), Optional.empty())
              .describe()
              .getStatus();
    } catch (WorkflowNotFoundException e) {
      holder = WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
    }
    return new LockHolderState(
        "run " + parent.getWorkflowId() + " (run id " + parent.getRunId() + ")", holder == RUNNING);
  }
}
