package dev.drrunbooks.lock;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads a lock's holder from the Temporal server, for the refusal message of a second run. */
@ActivityInterface
public interface LockActivities {

  /**
   * @param lockWorkflowId the lock's workflow id
   * @return e.g. "dns-failover run dns-failover-inventory-20261130T223442Z-k3f9 (run id ...)", or a
   *     sentence saying the lock was released meanwhile
   */
  @ActivityMethod(name = "LockDescribeHolder")
  String describeHolder(String lockWorkflowId);
}
