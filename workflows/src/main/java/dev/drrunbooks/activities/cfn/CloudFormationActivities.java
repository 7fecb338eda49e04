package dev.drrunbooks.activities.cfn;

import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** The drill's test environment as a CloudFormation stack. */
@ActivityInterface(namePrefix = "Cfn")
public interface CloudFormationActivities {

  /**
   * create-stack with a client request token derived from the run, so a retry never creates a
   * second stack; a stack of this name already created by this run is returned as it is, one not
   * ours is refused non-retryably naming it and its tags.
   */
  StackInfo createStack(StackRequest request);

  /**
   * Polls until CREATE_COMPLETE, heartbeating; a stack that fails or rolls back fails non-retryably
   * with its failed stack events in the message; past the deadline likewise with the status seen.
   */
  StackInfo awaitStackCreated(String region, String stackName, Instant deadline);

  /**
   * delete-stack only if its tags name {@code owner}; refuses loudly otherwise. "deleting" or
   * "already gone".
   */
  String deleteOwnedStack(String region, String stackName, Ownership owner);

  /**
   * Polls until the stack is gone (DELETE_COMPLETE); DELETE_FAILED fails non-retryably with its
   * events.
   */
  String awaitStackDeleted(String region, String stackName, Instant deadline);
}
