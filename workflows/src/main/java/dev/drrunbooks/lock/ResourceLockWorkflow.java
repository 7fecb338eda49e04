package dev.drrunbooks.lock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A one-at-a-time lock on a resource, held by the run that started it as a child. Its workflow id is
 * the lock ({@link ResourceLocks#lockId}), so the Temporal server, not a client, refuses a second
 * holder: at most one open workflow has a given id. It never ends by itself; the holder's parent
 * close policy (terminate) ends it when the holder completes, fails, is cancelled or terminated.
 */
@WorkflowInterface
public interface ResourceLockWorkflow {

  @WorkflowMethod(name = "ResourceLock")
  void hold(LockHolder holder);

  @QueryMethod
  LockHolder holder();
}
