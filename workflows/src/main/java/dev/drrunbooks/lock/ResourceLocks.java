package dev.drrunbooks.lock;

import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.FailureType;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one-at-a-time locks a run holds, in workflow code: whichever client started the run (the
 * starter, the Temporal UI with any workflow id, a schedule, an evacuation or incident as a child),
 * a second run for the same resource fails at once with {@link FailureType#ALREADY_RUNNING}, naming
 * the holder.
 *
 * <p>A lock is a child run whose workflow id is the lock ({@link #lockId}): the Temporal server
 * lets at most one open run have an id, so the server, not a client's id format, decides. The
 * holder releases its locks when it ends ({@link #holdingWhile}); should it never get to
 * (terminated, timed out), the server ends them by the parent close policy.
 */
public final class ResourceLocks {
  /**
   * The {@code Workflow.getVersion} change id of procedures that began taking locks: older runs
   * replay without.
   */
  public static final String CHANGE_ID = "resource-lock";

  private static final int RELEASE_ATTEMPTS = 10;
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

  private final List<WorkflowExecution> held = new ArrayList<>();

  /** The lock's workflow id: {@code lock-dns-record-api.mycomputer.com}. */
  public static String lockId(String resource) {
    return "lock-" + resource.replace(':', '-');
  }

  /**
   * Runs {@code body}, then releases every lock it took, whether it returned, failed or was
   * cancelled. (Not a {@code finally}: a workflow thread being evicted from the worker's cache must
   * not act.)
   */
  public <R> R holdingWhile(Supplier<R> body) {
    R result;
    try {
      result = body.get();
    } catch (RuntimeException e) {
      releaseAll();
      throw e;
    }
    releaseAll();
    return result;
  }

  /**
   * Holds {@code resource} until released, or fails the run non-retryably naming the holder.
   *
   * @param resource e.g. {@code dns-record:api.mycomputer.com}
   */
  public void acquire(String resource, String procedure) {
    String lockId = lockId(resource);
    LockActivities locks = ActivityDefaults.shortCallStub(LockActivities.class);
    for (int attempt = 1; ; attempt++) {
      WorkflowExecution lock = tryAcquire(resource, procedure);
      if (lock != null) {
        held.add(lock);
        return;
      }
      LockHolderState holder = locks.describeHolder(lockId);
      // A holder that has just closed frees its lock as soon as its release (or close policy)
      // lands.
      if (!holder.holderOpen() && attempt < RELEASE_ATTEMPTS) {
        Workflow.sleep(RELEASE_WAIT);
        continue;
      }
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: only one run at a time may work on "
              + resource
              + "; it is held by "
              + holder.description()
              + " (lock "
              + lockId
              + "). Wait for that run to end, or cancel it.",
          FailureType.ALREADY_RUNNING.type());
    }
  }

  /** Starts the lock run as a child; null when another run holds it. */
  private static WorkflowExecution tryAcquire(String resource, String procedure) {
    WorkflowInfo me = Workflow.getInfo();
    ResourceLockWorkflow lock =
        Workflow.newChildWorkflowStub(
            ResourceLockWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(lockId(resource))
                .setStaticSummary("lock on " + resource + " held by " + me.getWorkflowId())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                // A released lock (closed run) may be taken again; an open one may not: the server
                // decides.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    LockHolder holder = new LockHolder(resource, me.getWorkflowId(), me.getRunId(), procedure);
    // Detached: cancelling this run must not end the lock while its clean-up still works on the
    // resource.
    Workflow.newDetachedCancellationScope(() -> Async.procedure(lock::hold, holder)).run();
    try {
      return Workflow.getWorkflowExecution(lock).get();
    } catch (ChildWorkflowFailure e) {
      if (!(e.getCause() instanceof WorkflowExecutionAlreadyStarted)) throw e;
      return null;
    }
  }

  private void releaseAll() {
    Workflow.newDetachedCancellationScope(
            () -> {
              for (WorkflowExecution lock : held) {
                try {
                  Workflow.newUntypedExternalWorkflowStub(lock)
                      .signal(ResourceLockWorkflow.RELEASE);
                } catch (TemporalFailure alreadyEnded) {
                  // Ended already (terminated by a person, or by the server): released either way.
                }
              }
              held.clear();
            })
        .run();
  }
}
