package dev.drrunbooks.runbook;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;

/**
 * How Temporal closes a procedure run whose workflow method has just returned or thrown. A run
 * whose cancellation was requested is closed CANCELED whatever its method then did: the Java SDK
 * completes the run with a cancel command when the root scope's cancel was requested, whether the
 * method returned a result or threw a failure (an activity's ActivityFailure, a clean-up's own
 * failure). The interceptors that record a run's end must say so too, and must do their work in a
 * detached scope, since the run's own scope is cancelled.
 *
 * <p>Behind version 1 of {@link #CHANGE_ID}: runs recorded before it, cancelled while a step was in
 * flight or as the method returned, replay as they ran (recorded FAILED or COMPLETED). The version
 * is asked only when the cancel was requested, so other runs' histories are unchanged.
 */
enum RunEnding {
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The Workflow.getVersion change id of "a cancel request decides the ending". */
  static final String CHANGE_ID = "run-ending-cancel-requested";

  /**
   * The ending of a run whose method threw {@code thrown}, or returned ({@code thrown} null). Must
   * be called on the run's root workflow thread (an interceptor's execute).
   */
  static RunEnding of(Throwable thrown) {
    if (thrown instanceof CanceledFailure) return CANCELLED;
    if (CancellationScope.current().isCancelRequested()
        && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1) return CANCELLED;
    return thrown == null ? COMPLETED : FAILED;
  }
}
