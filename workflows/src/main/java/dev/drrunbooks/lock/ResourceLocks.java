package dev.drrunbooks.lock;

import dev.drrunbooks.model.ActivityDefaults;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;

/**
 * Takes one-at-a-time locks from workflow code: whichever client started the run (the starter, the
 * Temporal UI with any workflow id, a schedule, an evacuation or incident as a child), the second
 * run for the same resource fails at once with {@value #ALREADY_RUNNING}, naming the holder.
 */
public final class ResourceLocks {
  /** The failure type of a run refused because another run holds its lock. */
  public static final String ALREADY_RUNNING = "AlreadyRunning";
  /** The {@code Workflow.getVersion} change id of procedures that began taking locks: older runs replay without. */
  public static final String CHANGE_ID = "resource-lock";
  private static final int RELEASE_ATTEMPTS = 10;
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

  private ResourceLocks() {}

  /** The lock's workflow id: {@code lock-dns-record-api.mycomputer.com}. */
  public static String lockId(String resource) {
    return "lock-" + resource.replace(':', '-');
  }

  /**
   * Holds {@code resource} until this run closes, or fails the run non-retryably naming the holder.
   *
   * @param resource e.g. {@code dns-record:api.mycomputer.com}
   */
  public static void acquire(String resource, String procedure) {
    String lockId = lockId(resource);
    LockActivities locks = Workflow.newActivityStub(LockActivities.class, ActivityDefaults.shortCalls());
    for (int attempt = 1; ; attempt++) {
      if (tryAcquire(resource, procedure)) return;
      LockHolderState held = locks.describeHolder(lockId);
      // A holder that has just closed frees its lock as soon as the server applies the close policy.
      if (!held.holderOpen() && attempt < RELEASE_ATTEMPTS) {
        Workflow.sleep(RELEASE_WAIT);
        continue;
      }
      throw ApplicationFailure.newNonRetryableFailure("refused: only one run at a time may work on " + resource
          + "; it is held by " + held.description() + " (lock " + lockId + "). Wait for that run to end, or cancel it.",
          ALREADY_RUNNING);
    }
  }

  /** Starts the lock run as a child; false when another run holds it. */
  private static boolean tryAcquire(String resource, String procedure) {
    WorkflowInfo me = Workflow.getInfo();
    String lockId = lockId(resource);
    ResourceLockWorkflow lock = Workflow.newChildWorkflowStub(ResourceLockWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(lockId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
            // A released lock (closed run) may be taken again; an open one may not: the server decides.
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build());
    LockHolder holder = new LockHolder(resource, me.getWorkflowId(), me.getRunId(), procedure);
    // Detached: cancelling this run must not release the lock while its clean-up still works on the resource.
    Workflow.newDetachedCancellationScope(() -> Async.procedure(lock::hold, holder)).run();
    try {
      Workflow.getWorkflowExecution(lock).get();
      return true;
    } catch (ChildWorkflowFailure e) {
      if (!(e.getCause() instanceof WorkflowExecutionAlreadyStarted)) throw e;
      return false;
    }
  }
}
