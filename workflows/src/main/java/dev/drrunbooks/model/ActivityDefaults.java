package dev.drrunbooks.model;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Retry policy for calls to AWS and databases: throttling, 5xx and timeouts are retried with capped
 * backoff; activities mark "not found", "invalid parameter" and "not ours" non-retryable themselves.
 */
public final class ActivityDefaults {
  /** Waiting activities heartbeat at least every 5 s: a worker that dies is noticed within this. */
  private static final Duration WAIT_HEARTBEAT = Duration.ofSeconds(30);

  private ActivityDefaults() {}

  /**
   * For an activity that waits until {@code deadline} (workflow time), heartbeating as it goes: its
   * own timeout reaches a little past the deadline, so the deadline, not Temporal, ends the wait.
   */
  public static ActivityOptions waitUntil(Instant deadline) {
    Duration left = Duration.between(Timeline.now(), deadline);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout((left.isNegative() ? Duration.ZERO : left).plus(Duration.ofMinutes(5)))
        .setHeartbeatTimeout(WAIT_HEARTBEAT)
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30)).build())
        .build();
  }

  public static ActivityOptions shortCalls() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(Duration.ofMinutes(15))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build())
        .build();
  }
}
