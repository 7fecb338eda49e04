package dev.drrunbooks.model;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Retry policy for calls to AWS and databases: throttling, 5xx and timeouts are retried with capped
 * backoff; activities mark "not found", "invalid parameter" and "not ours" non-retryable themselves.
 */
public final class ActivityDefaults {
  private ActivityDefaults() {}

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
