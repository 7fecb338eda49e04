package dev.drrunbooks.testing;

import dev.drrunbooks.lock.LockActivities;
import dev.drrunbooks.lock.LockHolder;
import dev.drrunbooks.lock.LockHolderState;
import dev.drrunbooks.lock.ResourceLockWorkflow;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;

/** Test stand-in for the worker's LockActivities: asks the lock run itself who holds it. */
public final class FakeLocks implements LockActivities {
  @Override
  public LockHolderState describeHolder(String lockWorkflowId) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    LockHolder holder = client.newWorkflowStub(ResourceLockWorkflow.class, lockWorkflowId).holder();
    return new LockHolderState(
        "run " + holder.workflowId() + " (run id " + holder.runId() + ")",
        client.newUntypedWorkflowStub(holder.workflowId()).describe().getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
