package dev.drrunbooks.aws.rds;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * "Until it is available" as one activity: describe, heartbeat what was seen, pause with capped
 * exponential backoff, never past the deadline. The deadline is absolute (the run's RTO budget), so a
 * retried attempt after a worker restart waits no longer than the first would have; the heartbeat
 * carries the poll count across attempts.
 *
 * <p>Cancellation: {@code heartbeat} throws {@link io.temporal.client.ActivityCompletionException}
 * (e.g. {@link io.temporal.client.ActivityCanceledException}) once the workflow cancels the activity;
 * it is deliberately not caught, so it ends the activity.
 */
final class StatusPoller {
  private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);

  private final Polling polling;
  private final Clock clock;

  StatusPoller(Polling polling, Clock clock) {
    this.polling = polling;
    this.clock = clock;
  }

  /**
   * @param subject for messages, e.g. "RDS instance 'x' in eu-west-1"
   * @param describe one describe call; a retryable {@link SdkException} (throttling, 5xx, network) counts
   *     as a poll that saw nothing, anything else ends the wait
   */
  <T> T await(String subject, Supplier<T> describe, Function<T, String> statusOf, String ready, Set<String> failed,
      Instant deadline) {
    if (deadline == null) {
      throw ApplicationFailure.newNonRetryableFailure("waiting for " + subject + " needs a deadline; none was given",
          "InvalidInput");
    }
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    PollProgress prior = ctx.getHeartbeatDetails(PollProgress.class).orElse(null);
    int polls = prior == null ? 0 : prior.polls();
    if (prior != null) log.info("waiting for {}: resuming after {} polls (last status '{}')", subject, polls, prior.lastStatus());
    while (true) {
      T current = null;
      String status;
      try {
        current = describe.get();
        status = statusOf.apply(current);
      } catch (SdkException e) {
        status = "unknown: describe failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
      }
      polls++;
      ctx.heartbeat(new PollProgress(polls, status));
      if (ready.equals(status)) {
        log.info("{} is '{}' after {} polls", subject, status, polls);
        return current;
      }
      if (failed.contains(status)) {
        throw ApplicationFailure.newNonRetryableFailure(subject + " is '" + status + "', a state it will not become '"
            + ready + "' from (after " + polls + " polls)", "RdsBadState");
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw ApplicationFailure.newNonRetryableFailure(subject + " still '" + status + "' at " + deadline + " after "
            + polls + " polls (the run's RTO budget)", "WaitDeadlineExceeded");
      }
      Duration pause = polling.intervalAfter(polls);
      Duration left = Duration.between(now, deadline);
      if (left.compareTo(pause) < 0) pause = left;
      log.debug("{} is '{}' (poll {}); next poll in {}", subject, status, polls, pause);
      sleep(pause, subject);
    }
  }

  private static void sleep(Duration pause, String subject) {
    try {
      Thread.sleep(Math.max(1, pause.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for " + subject
          + " (worker shutting down?); a retry resumes the wait", "Interrupted");
    }
  }
}
