package dev.drrunbooks.lock;

import io.temporal.workflow.Workflow;

public class ResourceLockWorkflowImpl implements ResourceLockWorkflow {
  private LockHolder holder;
  private boolean released;

  @Override
  public void hold(LockHolder holder) {
    this.holder = holder;
    Workflow.await(() -> released);
  }

  @Override
  public void release() {
    released = true;
  }

  @Override
  public LockHolder holder() {
    return holder;
  }
}
