package dev.drrunbooks.aws.ecs;

import dev.drrunbooks.activities.ecs.EcsServiceState;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * "Until the service is steady" as one activity, by the same rules as the RDS waits: describe,
 * heartbeat what was seen, pause with capped exponential backoff (initial interval doubling up to the
 * cap), never past the deadline. The deadline is absolute (the run's RTO budget), so a retried attempt
 * after a worker restart waits no longer than the first would have; the heartbeat ({@link SteadyProgress})
 * carries the poll count across attempts. Heartbeats at least every {@link #HEARTBEAT_EVERY}, also while
 * pausing.
 *
 * <p>Ends early, non-retryably, when a deployment's rollout FAILED (ECS's deployment circuit breaker):
 * waiting cannot make it steady on the task definition asked for.
 *
 * <p>Cancellation: {@code heartbeat} throws {@link io.temporal.client.ActivityCompletionException} once
 * the workflow cancels the activity; it is deliberately not caught, so it ends the wait.
 */
final class SteadyPoller {
  private static final Logger log = LoggerFactory.getLogger(SteadyPoller.class);

  /** The longest stretch without a heartbeat: workflows can use a heartbeat timeout of a few times this. */
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

  private final Duration initialInterval;
  private final Duration maxInterval;
  private final Clock clock;

  SteadyPoller(Duration initialInterval, Duration maxInterval, Clock clock) {
    if (initialInterval == null || initialInterval.isNegative() || initialInterval.isZero()) {
      throw new IllegalArgumentException("initial poll interval must be positive, was " + initialInterval);
    }
    if (maxInterval == null || maxInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException("max poll interval must be at least the initial one (" + initialInterval
          + "), was " + maxInterval);
    }
    this.initialInterval = initialInterval;
    this.maxInterval = maxInterval;
    this.clock = clock;
  }

  /** The pause after {@code polls} polls (1 = after the first): initial * 2^(polls-1), capped. */
  Duration intervalAfter(int polls) {
    int doublings = Math.max(0, Math.min(polls - 1, 30));
    Duration d = initialInterval;
    for (int i = 0; i < doublings && d.compareTo(maxInterval) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(maxInterval) > 0 ? maxInterval : d;
  }

  /**
   * @param describe one describe-services call returning the ACTIVE service; a retryable {@link SdkException}
   *     (throttling, 5xx, network) counts as a poll that saw nothing, an {@link ApplicationFailure} (service
   *     missing or INACTIVE) ends the wait
   */
  EcsServiceState await(String region, String cluster, String service, Supplier<Service> describe, Instant deadline) {
    if (deadline == null) {
      throw EcsFailures.invalidInput("waiting for ECS service '" + service + "' in cluster '" + cluster
          + "' to become steady needs a deadline; none was given");
    }
    String subject = "ECS service '" + service + "' in cluster '" + cluster + "' in " + region;
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    SteadyProgress prior = ctx.getHeartbeatDetails(SteadyProgress.class).orElse(null);
    int polls = prior == null ? 0 : prior.polls();
    if (prior != null) log.info("waiting for {}: resuming after {} polls (last seen: {})", subject, polls, prior.lastState());
    EcsServiceState lastSeen = null;
    while (true) {
      Service raw = null;
      String seen;
      try {
        raw = describe.get();
        lastSeen = EcsActivitiesImpl.toState(raw, cluster);
        seen = lastSeen.describe();
      } catch (SdkException e) {
        seen = "unknown: describe failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
      }
      polls++;
      ctx.heartbeat(new SteadyProgress(polls, seen));
      if (raw != null) {
        if (lastSeen.steady()) {
          log.info("{} is steady after {} polls: {}", subject, polls, seen);
          return lastSeen;
        }
        Optional<Deployment> failed = failedDeployment(raw);
        if (failed.isPresent()) throw deploymentFailed(region, cluster, service, raw, failed.get(), lastSeen);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        String last = lastSeen != null ? lastSeen.describe() : seen;
        throw ApplicationFailure.newNonRetryableFailure("service " + service + " in cluster " + cluster
            + " not steady at " + deadline + ": " + last + " (after " + polls + " polls in " + region
            + "; the deadline is the run's RTO budget)", "EcsNotSteady");
      }
      Duration pause = intervalAfter(polls);
      Duration left = Duration.between(now, deadline);
      if (left.compareTo(pause) < 0) pause = left;
      log.debug("{}: {} (poll {}); next poll in {}", subject, seen, polls, pause);
      pauseWithHeartbeats(ctx, pause, new SteadyProgress(polls, seen), subject);
    }
  }

  /**
   * A deployment whose rollout FAILED: the PRIMARY one (no rollback configured), or an ACTIVE one while the
   * circuit breaker rolls the service back (the rollback is then the PRIMARY, on the previous task definition).
   */
  static Optional<Deployment> failedDeployment(Service s) {
    if (!s.hasDeployments()) return Optional.empty();
    return s.deployments().stream().filter(d -> "FAILED".equals(d.rolloutStateAsString()))
        .sorted((a, b) -> Boolean.compare("PRIMARY".equals(b.status()), "PRIMARY".equals(a.status())))
        .findFirst();
  }

  private static ApplicationFailure deploymentFailed(String region, String cluster, String service, Service raw,
      Deployment failed, EcsServiceState state) {
    boolean primary = "PRIMARY".equals(failed.status());
    String rollback = primary ? "" : raw.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
        .map(p -> "; ECS is rolling the service back to " + p.taskDefinition()).orElse("");
    String reason = failed.rolloutStateReason() == null ? "no reason given" : failed.rolloutStateReason();
    return ApplicationFailure.newNonRetryableFailure("deployment " + failed.id() + " (" + failed.taskDefinition()
        + ") of service " + service + " in cluster " + cluster + " in " + region + " FAILED: " + reason + rollback
        + "; now " + state.describe(), "EcsDeploymentFailed");
  }

  /**
   * Sleeps in slices of at most {@link #HEARTBEAT_EVERY}, heartbeating between them, so a short heartbeat
   * timeout detects a dead worker quickly even while polls are 30 s apart.
   */
  private static void pauseWithHeartbeats(ActivityExecutionContext ctx, Duration pause, SteadyProgress progress,
      String subject) {
    // rounded up: waking a fraction of a millisecond early would cost one more poll before the deadline
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
      throw ApplicationFailure.newFailure("interrupted while waiting for " + subject
          + " (worker shutting down?); a retry resumes the wait", "Interrupted");
    }
  }
}
