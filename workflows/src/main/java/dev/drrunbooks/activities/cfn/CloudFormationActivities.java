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
   * One poll of the same wait: the stack when it is CREATE_COMPLETE; else a retryable failure of
   * type {@link dev.drrunbooks.model.Polls#NOT_YET} whose next-retry delay is the pause before the
   * next poll, so between polls the wait holds no worker thread or activity slot. Call it with
   * {@link dev.drrunbooks.model.ActivityDefaults#pollUntil} options. A failed or rolled-back stack
   * (CREATE_FAILED, ROLLBACK_*, DELETE_*) fails non-retryably with its failed events, and past
   * {@code deadline} it fails non-retryably, as {@link #awaitStackCreated} does.
   */
  StackInfo pollStackCreated(String region, String stackName, Instant deadline);

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

  /**
   * One poll of the same wait, as {@link #pollStackCreated}: "gone" once the stack is
   * DELETE_COMPLETE (or no longer listed); DELETE_FAILED and the deadline fail non-retryably.
   */
  String pollStackDeleted(String region, String stackName, Instant deadline);
}
