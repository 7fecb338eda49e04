package dev.drrunbooks.aws.ecs;

import dev.drrunbooks.activities.ecs.EcsRollback;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.model.Polls;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationErrorCategory;
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
 * #HEARTBEAT_EVERY}, also while pausing. {@link #pollOnce} is the same wait as one describe per
 * activity attempt, the pause left to the server's retry timer (issue 16: waits that hold no worker
 * thread); both share the describe and the decision.
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
    requireDeadline(cluster, service, deadline);
    String subject = subject(region, cluster, service);
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    SteadyProgress prior = ctx.getHeartbeatDetails(SteadyProgress.class).orElse(null);
    int polls = prior == null ? 0 : prior.polls();
    if (prior != null)
      log.info(
          "waiting for {}: resuming after {} polls (last seen: {})",
          subject,
          polls,
          prior.lastState());
    Seen carry = new Seen();
    while (true) {
      Look look = look(describe, cluster, carry);
      polls++;
      ctx.heartbeat(new SteadyProgress(polls, look.seen()));
      Duration pause = next(region, cluster, service, requested, look, carry, polls, deadline);
      if (pause == null) return carry.lastState;
      log.debug("{}: {} (poll {}); next poll in {}", subject, look.seen(), polls, pause);
      StatusPoller.pauseWithHeartbeats(ctx, pause, new SteadyProgress(polls, look.seen()), subject);
    }
  }

  /**
   * One poll of the same wait, as one activity attempt (issue 16: waits that hold no worker
   * thread): describes once and returns the state when steady (on {@code requested} when given);
   * else throws a retryable {@link Polls#NOT_YET} failure whose next-retry delay is this poller's
   * pause for the attempt number, so between polls the wait is the server's retry timer. A FAILED
   * rollout, a rollback that settled, a missing service and the deadline end it non-retryably, as
   * {@link #await} does. A rollback still under way is "not yet": the next poll sees where it
   * settles (each attempt judges from its own describe; the failed deployment that explains the
   * rollback is listed while it drains).
   */
  EcsServiceState pollOnce(
      String region,
      String cluster,
      String service,
      String requested,
      Supplier<Service> describe,
      Instant deadline) {
    requireDeadline(cluster, service, deadline);
    // 1-based on a server; the activity test environment says 0 for its one attempt
    int polls = Math.max(1, Activity.getExecutionContext().getInfo().getAttempt());
    Seen carry = new Seen();
    Look look = look(describe, cluster, carry);
    Duration pause = next(region, cluster, service, requested, look, carry, polls, deadline);
    if (pause == null) return carry.lastState;
    // Temporal reads a zero delay as "no delay given" and falls back to the retry policy.
    if (pause.compareTo(Duration.ofMillis(1)) < 0) pause = Duration.ofMillis(1);
    throw ApplicationFailure.newBuilder()
        .setType(Polls.NOT_YET)
        // Expected, once per poll: BENIGN keeps the SDK from logging each at WARN with a stack
        // trace
        // and from counting it as an activity failure in its metrics.
        .setCategory(ApplicationErrorCategory.BENIGN)
        .setMessage(
            subject(region, cluster, service)
                + ": "
                + look.seen()
                + " (poll "
                + polls
                + "); next poll in "
                + pause)
        .setNextRetryDelay(pause)
        .build();
  }

  private static String subject(String region, String cluster, String service) {
    return "ECS service '" + service + "' in cluster '" + cluster + "' in " + region;
  }

  private static void requireDeadline(String cluster, String service, Instant deadline) {
    if (deadline == null) {
      throw EcsFailures.invalidInput(
          "waiting for ECS service '"
              + service
              + "' in cluster '"
              + cluster
              + "' to become steady needs a deadline; none was given");
    }
  }

  /** What the polls of one loop (or the one poll of an attempt) have seen so far. */
  private static final class Seen {
    EcsServiceState lastState;
    String rollbackWhy;
    String rollingBackTo;
  }

  /** One describe: the service as described (null when the describe failed) and its summary. */
  private record Look(Service raw, String seen) {}

  /**
   * One describe-services; a retryable {@link SdkException} is a poll that saw nothing, an {@link
   * ApplicationFailure} (service missing or INACTIVE) ends the wait.
   */
  private static Look look(Supplier<Service> describe, String cluster, Seen carry) {
    try {
      Service raw = describe.get();
      carry.lastState = EcsActivitiesImpl.toState(raw, cluster);
      return new Look(raw, carry.lastState.describe());
    } catch (SdkException e) {
      return new Look(
          null,
          "unknown: describe failed ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  /**
   * The pause before the next poll after {@code look} (never past the deadline); null when the
   * service is steady (on {@code requested} when given).
   *
   * @throws ApplicationFailure non-retryable: {@link EcsRollback#TYPE} when it settled on another
   *     task definition, EcsDeploymentFailed for a FAILED rollout, EcsNotSteady at the deadline
   */
  private Duration next(
      String region,
      String cluster,
      String service,
      String requested,
      Look look,
      Seen carry,
      int polls,
      Instant deadline) {
    Service raw = look.raw();
    EcsServiceState lastSeen = carry.lastState;
    String subject = subject(region, cluster, service);
    if (raw != null && requested != null && RolloutCheck.rolledBack(raw, requested)) {
      carry.rollbackWhy =
          RolloutCheck.failedDeploymentOf(raw, requested)
              .map(RolloutCheck::describeFailure)
              .orElse(carry.rollbackWhy);
      String on = RolloutCheck.currentTaskDefinition(raw, requested);
      if (RolloutCheck.settled(raw, lastSeen)) {
        log.warn("{} settled on {}, not the requested {}: {}", subject, on, requested, look.seen());
        throw ApplicationFailure.newNonRetryableFailure(
            EcsRollback.message(region, cluster, service, on, requested, carry.rollbackWhy),
            EcsRollback.TYPE);
      }
      carry.rollingBackTo =
          on; // under way: wait for it to settle, so the failure says where the service is
    } else if (raw != null) {
      carry.rollingBackTo = null;
      if (lastSeen.steady()) {
        log.info("{} is steady after {} polls: {}", subject, polls, look.seen());
        return null;
      }
      Optional<Deployment> failed = failedDeployment(raw);
      if (failed.isPresent())
        throw deploymentFailed(region, cluster, service, raw, failed.get(), lastSeen);
    }
    Instant now = clock.instant();
    if (!now.isBefore(deadline)) {
      String last = lastSeen != null ? lastSeen.describe() : look.seen();
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
              + (carry.rollingBackTo == null
                  ? ""
                  : "; rolling back to "
                      + EcsRollback.familyRevision(carry.rollingBackTo)
                      + ", not the requested "
                      + EcsRollback.familyRevision(requested)
                      + (carry.rollbackWhy == null ? "" : " (" + carry.rollbackWhy + ")")),
          "EcsNotSteady");
    }
    Duration pause = intervalAfter(polls);
    Duration left = Duration.between(now, deadline);
    return left.compareTo(pause) < 0 ? left : pause;
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
