package dev.drrunbooks.aws;

import dev.drrunbooks.aws.rds.PollProgress;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * "Until it is ready" as one activity (an RDS instance available, a Route53 change INSYNC):
 * describe, heartbeat what was seen, pause (capped exponential backoff, or a {@link PollPacing}
 * given per wait), never past the deadline. The deadline is absolute (the run's RTO budget), so a
 * retried attempt after a worker restart waits no longer than the first would have; the heartbeat
 * carries the poll count across attempts.
 *
 * <p>Cancellation: {@code heartbeat} throws {@link io.temporal.client.ActivityCompletionException}
 * (e.g. {@link io.temporal.client.ActivityCanceledException}) once the workflow cancels the
 * activity; it is deliberately not caught, so it ends the activity.
 */
public final class StatusPoller {
  private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);

  /**
   * The longest stretch without a heartbeat: workflows can use a heartbeat timeout of a few times
   * this.
   */
  public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

  private final Polling polling;
  private final Clock clock;

  public StatusPoller(Polling polling, Clock clock) {
    this.polling = polling;
    this.clock = clock;
  }

  /**
   * @param subject for messages, e.g. "RDS instance 'x' in eu-west-1"
   * @param describe one describe call; a retryable {@link SdkException} (throttling, 5xx, network)
   *     counts as a poll that saw nothing, anything else ends the wait
   * @param failed states it never becomes {@code ready} from: the wait fails non-retryably at once
   * @param failedType the failure type for those, e.g. "RdsBadState"
   */
  public <T> T await(
      String subject,
      Supplier<T> describe,
      Function<T, String> statusOf,
      String ready,
      Set<String> failed,
      String failedType,
      Instant deadline) {
    return await(subject, describe, statusOf, ready, failed, failedType, deadline, backoff());
  }

  /** This poller's {@link Polling} as a pacing: the pause depends on the poll count alone. */
  public PollPacing<Object> backoff() {
    return (polls, seen, now) -> polling.intervalAfter(polls);
  }

  /**
   * As above, pausing as {@code pacing} says instead of this poller's {@link Polling} (e.g. an RDS
   * restore's adaptive cadence).
   */
  public <T> T await(
      String subject,
      Supplier<T> describe,
      Function<T, String> statusOf,
      String ready,
      Set<String> failed,
      String failedType,
      Instant deadline,
      PollPacing<? super T> pacing) {
    requireDeadline(subject, deadline);
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    PollProgress prior = ctx.getHeartbeatDetails(PollProgress.class).orElse(null);
    int polls = prior == null ? 0 : prior.polls();
    if (prior != null)
      log.info(
          "waiting for {}: resuming after {} polls (last status '{}')",
          subject,
          polls,
          prior.lastStatus());
    while (true) {
      Look<T> look = look(describe, statusOf);
      polls++;
      ctx.heartbeat(new PollProgress(polls, look.status()));
      Duration pause = next(subject, look, polls, ready, failed, failedType, deadline, pacing);
      if (pause == null) return look.seen();
      log.debug("{} is '{}' (poll {}); next poll in {}", subject, look.status(), polls, pause);
      pauseWithHeartbeats(ctx, pause, new PollProgress(polls, look.status()), subject);
    }
  }

  /**
   * One poll of a wait polled one activity attempt at a time ({@link Polls}): describes once and
   * returns what it saw when it is {@code ready}; else throws a retryable {@link Polls#NOT_YET}
   * failure whose next-retry delay is what {@code pacing} says (never past the deadline), so no
   * thread waits between polls. The attempt number is the poll count (a lost attempt counts too).
   * Failed states and the deadline end the wait non-retryably, as {@link #await} does.
   */
  public <T> T pollOnce(
      String subject,
      Supplier<T> describe,
      Function<T, String> statusOf,
      String ready,
      Set<String> failed,
      String failedType,
      Instant deadline,
      PollPacing<? super T> pacing) {
    requireDeadline(subject, deadline);
    // 1-based on a server; the activity test environment says 0 for its one attempt
    int attempt = Math.max(1, Activity.getExecutionContext().getInfo().getAttempt());
    Instant now = clock.instant();
    Optional<Duration> deferral = pacing.pauseBeforeFirstPoll(now);
    if (deferral.isPresent() && attempt == 1 && now.isBefore(deadline)) {
      Duration first = min(deferral.get(), Duration.between(now, deadline));
      log.info("waiting for {}: first poll in {} ({})", subject, first, pacing);
      throw notYet(subject + " is not described yet; first poll in " + first, first);
    }
    // A deferred wait's first attempt described nothing: its attempts are one ahead of its polls.
    int polls = deferral.isPresent() ? Math.max(1, attempt - 1) : attempt;
    Look<T> look = look(describe, statusOf);
    Duration pause = next(subject, look, polls, ready, failed, failedType, deadline, pacing);
    if (pause == null) return look.seen();
    throw notYet(
        subject
            + " is '"
            + look.status()
            + "' (poll "
            + polls
            + "); next poll in "
            + minimal(pause),
        pause);
  }

  /** The retryable "not yet" whose next-retry delay is {@code pause}. */
  private static ApplicationFailure notYet(String message, Duration pause) {
    return ApplicationFailure.newBuilder()
        .setType(Polls.NOT_YET)
        // Expected, once per poll: BENIGN keeps the SDK from logging each at WARN with a stack
        // trace
        // and from counting it as an activity failure in its metrics.
        .setCategory(ApplicationErrorCategory.BENIGN)
        .setMessage(message)
        .setNextRetryDelay(minimal(pause))
        .build();
  }

  /** Temporal reads a zero delay as "no delay given" and falls back to the retry policy. */
  private static Duration minimal(Duration pause) {
    return pause.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : pause;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** A wait without a deadline is a caller's bug: it would never end. */
  private static void requireDeadline(String subject, Instant deadline) {
    if (deadline == null)
      throw ApplicationFailure.newNonRetryableFailure(
          "waiting for " + subject + " needs a deadline; none was given",
          FailureType.INVALID_INPUT.type());
  }

  /** What one describe saw, and its status. */
  private record Look<T>(T seen, String status) {}

  /** One describe; a retryable {@link SdkException} is a status that saw nothing. */
  private static <T> Look<T> look(Supplier<T> describe, Function<T, String> statusOf) {
    try {
      T seen = describe.get();
      return new Look<>(seen, statusOf.apply(seen));
    } catch (SdkException e) {
      return new Look<>(
          null,
          "unknown: describe failed ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  /**
   * The pause before the next poll after {@code look} (never past the deadline); null when it is
   * {@code ready}.
   *
   * @throws ApplicationFailure non-retryable: {@code failedType} in a state it never leaves for
   *     ready, WaitDeadlineExceeded at the deadline
   */
  private <T> Duration next(
      String subject,
      Look<T> look,
      int polls,
      String ready,
      Set<String> failed,
      String failedType,
      Instant deadline,
      PollPacing<? super T> pacing) {
    String status = look.status();
    if (ready.equals(status)) {
      log.info("{} is '{}' after {} polls", subject, status, polls);
      return null;
    }
    if (failed.contains(status)) {
      throw ApplicationFailure.newNonRetryableFailure(
          subject
              + " is '"
              + status
              + "', a state it will not become '"
              + ready
              + "' from (after "
              + polls
              + " polls)",
          failedType);
    }
    Instant now = clock.instant();
    if (!now.isBefore(deadline)) {
      throw ApplicationFailure.newNonRetryableFailure(
          subject
              + " still '"
              + status
              + "' at "
              + deadline
              + " after "
              + polls
              + " polls (the run's RTO budget)",
          "WaitDeadlineExceeded");
    }
    Duration pause = pacing.pauseAfter(polls, look.seen(), now);
    Duration left = Duration.between(now, deadline);
    return left.compareTo(pause) < 0 ? left : pause;
  }

  /**
   * Sleeps in slices of at most {@link #HEARTBEAT_EVERY}, heartbeating between them, so a short
   * heartbeat timeout detects a dead worker quickly even while polls are 30 s apart.
   */
  public static void pauseWithHeartbeats(
      ActivityExecutionContext ctx, Duration pause, Object progress, String subject) {
    // rounded up: waking a fraction of a millisecond early would cost one more poll before the
    // deadline
    long leftMs = Math.max(1, (pause.toNanos() + 999_999) / 1_000_000);
    while (leftMs > 0) {
      long slice = Math.min(leftMs, HEARTBEAT_EVERY.toMillis());
      sleep(slice, subject);
      leftMs -= slice;
      if (leftMs > 0) ctx.heartbeat(progress);
    }
  }

  private static void sleep(long millis, String subject) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while waiting for "
              + subject
              + " (worker shutting down?); a retry resumes the wait",
          "Interrupted");
    }
  }
}
