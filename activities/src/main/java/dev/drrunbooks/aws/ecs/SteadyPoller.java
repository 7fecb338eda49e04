package dev.drrunbooks.aws.ecs;

import dev.drrunbooks.activities.ecs.EcsRollback;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.aws.rds.Polling;
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
 * heartbeat what was seen, pause with capped exponential backoff (initial interval doubling up to
 * the cap), never past the deadline. The deadline is absolute (the run's RTO budget), so a retried
 * attempt after a worker restart waits no longer than the first would have; the heartbeat ({@link
 * SteadyProgress}) carries the poll count across attempts. Heartbeats at least every {@link
 * #HEARTBEAT_EVERY}, also while pausing.
 *
 * <p>Ends early, non-retryably, when a deployment's rollout FAILED (ECS's deployment circuit
 * breaker): waiting cannot make it steady on the task definition asked for. Given the task
 * definition it must be steady on, a service that settles on another one (rolled back) fails as
 * such ({@link RolloutCheck}).
 *
 * <p>Cancellation: {@code heartbeat} throws {@link io.temporal.client.ActivityCompletionException}
 * once the workflow cancels the activity; it is deliberately not caught, so it ends the wait.
 */
final class SteadyPoller {
  private static final Logger log = LoggerFactory.getLogger(SteadyPoller.class);

  /** The longest stretch without a heartbeat (shared with {@link StatusPoller}). */
  static final Duration HEARTBEAT_EVERY = StatusPoller.HEARTBEAT_EVERY;

  private final Polling polling;
  private final Clock clock;

  /** Same rules as the RDS waits ({@link Polling}); the intervals are checked there. */
  SteadyPoller(Duration initialInterval, Duration maxInterval, Clock clock) {
    this.polling = new Polling(initialInterval, maxInterval);
    this.clock = clock;
  }

  /** The pause after {@code polls} polls (1 = after the first): initial * 2^(polls-1), capped. */
  Duration intervalAfter(int polls) {
    return polling.intervalAfter(polls);
  }

  /**
   * @param describe one describe-services call returning the ACTIVE service; a retryable {@link
   *     SdkException} (throttling, 5xx, network) counts as a poll that saw nothing, an {@link
   *     ApplicationFailure} (service missing or INACTIVE) ends the wait
   */
  EcsServiceState await(
      String region, String cluster, String service, Supplier<Service> describe, Instant deadline) {
    return await(region, cluster, service, null, describe, deadline);
  }

  /**
   * @param requested the task definition the service must be steady on (ARN or family:revision), or
   *     null for any: one that settles on another fails non-retryably ({@link EcsRollback#TYPE}); a
   *     rollback under way is waited for, so the failure says where the service settled
   */
  EcsServiceState await(
      String region,
      String cluster,
      String service,
      String requested,
      Supplier<Service> describe,
      Instant deadline) {
    if (deadline == null) {
      throw EcsFailures.invalidInput(
          "waiting for ECS service '"
              + service
              + "' in cluster '"
              + cluster
              + "' to become steady needs a deadline; none was given");
    }
    String subject = "ECS service '" + service + "' in cluster '" + cluster + "' in " + region;
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    SteadyProgress prior = ctx.getHeartbeatDetails(SteadyProgress.class).orElse(null);
    int polls = prior == null ? 0 : prior.polls();
    if (prior != null)
      log.info(
          "waiting for {}: resuming after {} polls (last seen: {})",
          subject,
          polls,
          prior.lastState());
    EcsServiceState lastSeen = null;
    String rollbackWhy = null;
    String rollingBackTo = null;
    while (true) {
      Service raw = null;
      String seen;
      try {
        raw = describe.get();
        lastSeen = EcsActivitiesImpl.toState(raw, cluster);
        seen = lastSeen.describe();
      } catch (SdkException e) {
        seen =
            "unknown: describe failed ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + ")";
      }
      polls++;
      ctx.heartbeat(new SteadyProgress(polls, seen));
      if (raw != null && requested != null && RolloutCheck.rolledBack(raw, requested)) {
        rollbackWhy =
            RolloutCheck.failedDeploymentOf(raw, requested)
                .map(RolloutCheck::describeFailure)
                .orElse(rollbackWhy);
        String on = RolloutCheck.currentTaskDefinition(raw, requested);
        if (RolloutCheck.settled(raw, lastSeen)) {
          log.warn("{} settled on {}, not the requested {}: {}", subject, on, requested, seen);
          throw ApplicationFailure.newNonRetryableFailure(
              EcsRollback.message(region, cluster, service, on, requested, rollbackWhy),
              EcsRollback.TYPE);
        }
        rollingBackTo =
            on; // under way: wait for it to settle, so the failure says where the service is
      } else if (raw != null) {
        rollingBackTo = null;
        if (lastSeen.steady()) {
          log.info("{} is steady after {} polls: {}", subject, polls, seen);
          return lastSeen;
        }
        Optional<Deployment> failed = failedDeployment(raw);
        if (failed.isPresent())
          throw deploymentFailed(region, cluster, service, raw, failed.get(), lastSeen);
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        String last = lastSeen != null ? lastSeen.describe() : seen;
        throw ApplicationFailure.newNonRetryableFailure(
            "service "
                + service
                + " in cluster "
                + cluster
                + " not steady at "
                + deadline
                + ": "
                + last
                + " (after "
                + polls
                + " polls in "
                + region
                + "; the deadline is the run's RTO budget)"
                + (rollingBackTo == null
                    ? ""
                    : "; rolling back to "
                        + EcsRollback.familyRevision(rollingBackTo)
                        + ", not the requested "
                        + EcsRollback.familyRevision(requested)
                        + (rollbackWhy == null ? "" : " (" + rollbackWhy + ")")),
            "EcsNotSteady");
      }
      Duration pause = intervalAfter(polls);
      Duration left = Duration.between(now, deadline);
      if (left.compareTo(pause) < 0) pause = left;
      log.debug("{}: {} (poll {}); next poll in {}", subject, seen, polls, pause);
      StatusPoller.pauseWithHeartbeats(ctx, pause, new SteadyProgress(polls, seen), subject);
    }
  }

  /**
   * A deployment whose rollout FAILED: the PRIMARY one (no rollback configured), or an ACTIVE one
   * while the circuit breaker rolls the service back (the rollback is then the PRIMARY, on the
   * previous task definition).
   */
  static Optional<Deployment> failedDeployment(Service s) {
    if (!s.hasDeployments()) return Optional.empty();
    return s.deployments().stream()
        .filter(d -> "FAILED".equals(d.rolloutStateAsString()))
        .sorted(
            (a, b) -> Boolean.compare("PRIMARY".equals(b.status()), "PRIMARY".equals(a.status())))
        .findFirst();
  }

  private static ApplicationFailure deploymentFailed(
      String region,
      String cluster,
      String service,
      Service raw,
      Deployment failed,
      EcsServiceState state) {
    boolean primary = "PRIMARY".equals(failed.status());
    String rollback =
        primary
            ? ""
            : raw.deployments().stream()
                .filter(d -> "PRIMARY".equals(d.status()))
                .findFirst()
                .map(p -> "; ECS is rolling the service back to " + p.taskDefinition())
                .orElse("");
    String reason =
        failed.rolloutStateReason() == null ? "no reason given" : failed.rolloutStateReason();
    return ApplicationFailure.newNonRetryableFailure(
        "deployment "
            + failed.id()
            + " ("
            + failed.taskDefinition()
            + ") of service "
            + service
            + " in cluster "
            + cluster
            + " in "
            + region
            + " FAILED: "
            + reason
            + rollback
            + "; now "
            + state.describe(),
        "EcsDeploymentFailed");
  }
}
