package dev.drrunbooks.lock;

import io.temporal.workflow.Workflow;

public class ResourceLockWorkflowImpl implements ResourceLockWorkflow {
  private LockHolder holder;

  @Override
  public void hold(LockHolder holder) {
    this.holder = holder;
    // Held until the holder closes (parent close policy) or a person cancels or terminates this run.
    Workflow.await(() -> false);
  }

  @Override
  public LockHolder holder() {
    return holder;
  }
}
