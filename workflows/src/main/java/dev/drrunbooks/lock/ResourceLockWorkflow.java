package dev.drrunbooks.lock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A one-at-a-time lock on a resource, held by the run that started it as a child (see {@link
 * ResourceLocks}). It ends when its holder releases it, when the server applies the holder's parent
 * close policy (terminate), or when a person cancels or terminates it to break the lock.
 */
@WorkflowInterface
public interface ResourceLockWorkflow {
  String RELEASE = "release";

  @WorkflowMethod(name = "ResourceLock")
  void hold(LockHolder holder);

  @SignalMethod(name = RELEASE)
  void release();

  @QueryMethod
  LockHolder holder();
}
