package dev.drrunbooks.lock;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads a lock's holder from the Temporal server, for the refusal message of a second run. */
@ActivityInterface
public interface LockActivities {

  /**
   * @param lockWorkflowId the lock's workflow id
   * @return the holding run and whether it is still open: a holder that just closed leaves its lock
   *     open for a moment, until the server applies its parent close policy
   */
  @ActivityMethod(name = "LockDescribeHolder")
  LockHolderState describeHolder(String lockWorkflowId);
}
