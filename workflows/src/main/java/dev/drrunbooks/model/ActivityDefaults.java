package dev.drrunbooks.model;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.Priority;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Retry policy for calls to AWS and databases: throttling, 5xx and timeouts are retried with capped
 * backoff; activities mark "not found", "invalid parameter" and "not ours" non-retryable
 * themselves.
 *
 * <p>Every option set here has a {@link #HEARTBEAT_TIMEOUT}: the worker heartbeats every running
 * activity (its own heartbeats, or the worker's on its behalf), so a worker that dies mid-call is
 * noticed within that and the retry goes to another worker; the start-to-close timeout only bounds
 * a call that hangs on a live worker.
 */
public final class ActivityDefaults {
  /**
   * A dead worker is noticed this long after its last heartbeat at the latest; plus the first
   * retry's 1 s backoff, a kill costs well under 30 s. Heartbeats go out at least every 5 s, and
   * the SDK sends them at most every 0.8 of this (12 s), so a live activity has slack for a lost
   * heartbeat or a pause.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

  private ActivityDefaults() {}

  /**
   * For an activity that waits until {@code deadline} (workflow time), heartbeating as it goes: its
   * own timeout reaches a little past the deadline, so the deadline, not Temporal, ends the wait.
   */
  public static ActivityOptions waitUntil(Instant deadline) {
    Duration left = Duration.between(Timeline.now(), deadline);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(
            (left.isNegative() ? Duration.ZERO : left).plus(Duration.ofMinutes(5)))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(30))
                .build())
        .build();
  }

  /**
   * As {@link #waitUntil(Instant)}, labelled in the Temporal UI with {@code summary} ("wait until
   * pitr-... is available") instead of only the activity's type. A summary is user metadata the
   * replayer does not compare: adding one needs no version.
   */
  public static ActivityOptions waitUntil(Instant deadline, String summary) {
    return ActivityOptions.newBuilder(waitUntil(deadline)).setSummary(summary).build();
  }

  /**
   * For a wait polled one attempt at a time ({@link Polls}): an attempt is one describe (a minute
   * at most, so a dead poller is noticed within it); attempts are unlimited, each "not yet" naming
   * the delay before the next; the schedule-to-close reaches a little past {@code deadline}, so the
   * activity's own deadline check, not Temporal, ends the wait.
   *
   * <p>Its tasks have priority {@link #POLL_PRIORITY}: with hundreds of runs in flight, a poll due
   * now would otherwise queue behind restores, validation queries and clean-ups in the task queue's
   * backlog, and that queueing is detection lag counted in the RTO. Temporal's task queue priority
   * (https://docs.temporal.io/develop/task-queue-priority-fairness): matching dispatches lower keys
   * first. A server with it off (the default of v1.29.1: dynamic config matching.useNewMatcher,
   * docs/operations.md) dispatches in order, as before.
   */
  public static ActivityOptions pollUntil(Instant deadline, String summary) {
    Duration left = Duration.between(Timeline.now(), deadline);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setScheduleToCloseTimeout(
            (left.isNegative() ? Duration.ZERO : left).plus(Duration.ofMinutes(5)))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofSeconds(30))
                .build())
        .setSummary(summary)
        .setPriority(POLL_PRIORITY)
        .build();
  }

  /**
   * A poll's task priority: 1, the highest of Temporal's default 5 levels (3 when unset), since a
   * poll is one short describe whose delay is lag.
   */
  public static final Priority POLL_PRIORITY = Priority.newBuilder().setPriorityKey(1).build();

  /**
   * A notification's task priority: 2, after polls and before the rest. A notification has two
   * minutes in all ({@code RunNotifications}); with 2000 runs in flight it waited longer than that
   * in the backlog behind restores and checks and was lost without a channel ever being down.
   */
  public static final Priority NOTIFICATION_PRIORITY =
      Priority.newBuilder().setPriorityKey(2).build();

  /** One AWS or HTTP call (or a few): 2 minutes an attempt, 15 minutes with retries. */
  public static ActivityOptions shortCalls() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(15))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /** A stub of {@code activities} whose every call has the {@link #shortCalls()} options. */
  public static <T> T shortCallStub(Class<T> activities) {
    return Workflow.newActivityStub(activities, shortCalls());
  }

  /**
   * Like {@link #shortCalls()}, for work whose one attempt may take up to {@code startToClose}
   * (data checks, transaction replays); a dead worker is still noticed within {@link
   * #HEARTBEAT_TIMEOUT}.
   */
  public static ActivityOptions longCalls(Duration startToClose) {
    return ActivityOptions.newBuilder(shortCalls()).setStartToCloseTimeout(startToClose).build();
  }
}
