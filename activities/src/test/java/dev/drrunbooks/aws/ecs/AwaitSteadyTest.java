package dev.drrunbooks.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * awaitSteady's backoff, deadline, heartbeat, fail-fast and cancellation logic, on Temporal's
 * activity test environment with an ECS client that answers a scripted sequence of service states
 * (moto's services are steady at once after a scale, and no rollout ever fails there, so it cannot
 * show a wait).
 */
class AwaitSteadyTest {
  static final String REGION = "eu-west-1";
  static final String CLUSTER = "mycomputer-production";
  static final String SERVICE = "inventory-service";
  static final String OLD =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/inventory-service:3";
  static final String STABLE =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/inventory-service:2";

  /**
   * A tiny heartbeat timeout: the SDK throttles heartbeats to 80% of it, so every poll's heartbeat
   * is seen.
   */
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofMillis(5))
          .build();

  private TestActivityEnvironment env;
  private ScriptedEcs ecs;
  private final List<SteadyProgress> heartbeats = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(SteadyProgress.class, heartbeats::add);
    ecs = new ScriptedEcs();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private EcsActivities activities(Duration initial, Duration max) {
    env.registerActivitiesImplementations(new EcsActivitiesImpl(region -> ecs, initial, max));
    return env.newActivityStub(EcsActivities.class, OPTIONS);
  }

  private EcsActivities fast() {
    return activities(Duration.ofMillis(10), Duration.ofMillis(40));
  }

  private static ApplicationFailure applicationFailure(ActivityFailure e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause(), () -> "cause of " + e);
  }

  /**
   * A service mid-deployment from OLD to STABLE: the new PRIMARY rolling out, the old one ACTIVE.
   */
  static Service rolling(int running, int desired, int pending) {
    return service(
        STABLE,
        running,
        desired,
        pending,
        deployment("ecs-svc/new", "PRIMARY", STABLE, "IN_PROGRESS", null),
        deployment("ecs-svc/old", "ACTIVE", OLD, "COMPLETED", null));
  }

  static Service steady(int desired) {
    return service(
        STABLE,
        desired,
        desired,
        0,
        deployment("ecs-svc/new", "PRIMARY", STABLE, "COMPLETED", null));
  }

  @Test
  void pollsWithBackoffUntilSteadyAndHeartbeatsEachState() {
    ecs.script(
        rolling(0, 5, 5),
        rolling(3, 5, 2),
        service(
            STABLE,
            5,
            5,
            0,
            deployment("ecs-svc/new", "PRIMARY", STABLE, "IN_PROGRESS", null),
            deployment("ecs-svc/old", "ACTIVE", OLD, "COMPLETED", null)),
        steady(5));

    EcsServiceState state =
        fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30));

    assertEquals(new EcsServiceState(CLUSTER, SERVICE, STABLE, 5, 5, 0, 1, "ACTIVE"), state);
    assertEquals(
        List.of(
            new SteadyProgress(
                1, SERVICE + " on " + STABLE + ": running 0/5, pending 5, 2 deployment(s)"),
            new SteadyProgress(
                2, SERVICE + " on " + STABLE + ": running 3/5, pending 2, 2 deployment(s)"),
            // running = desired, but the old deployment has not drained: not steady yet
            new SteadyProgress(
                3, SERVICE + " on " + STABLE + ": running 5/5, pending 0, 2 deployment(s)"),
            new SteadyProgress(
                4, SERVICE + " on " + STABLE + ": running 5/5, pending 0, 1 deployment(s)")),
        heartbeats);
  }

  @Test
  void anAlreadySteadyServiceReturnsAfterOnePoll() {
    ecs.script(steady(0));
    EcsServiceState state =
        fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30));
    assertTrue(state.steady());
    assertEquals(1, ecs.describes.get());
  }

  @Test
  void pastTheDeadlineItFailsWithWhatItSaw() {
    ecs.script(rolling(3, 5, 2));
    Instant deadline = Instant.now().minusSeconds(1);
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class, () -> fast().awaitSteady(REGION, CLUSTER, SERVICE, deadline));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertEquals("EcsNotSteady", af.getType());
    assertEquals(
        "service "
            + SERVICE
            + " in cluster "
            + CLUSTER
            + " not steady at "
            + deadline
            + ": "
            + SERVICE
            + " on "
            + STABLE
            + ": running 3/5, pending 2, 2 deployment(s) (after 1 polls in eu-west-1; the deadline"
            + " is the run's RTO budget)",
        af.getOriginalMessage());
  }

  @Test
  void neverSleepsPastTheDeadline() {
    ecs.script(rolling(3, 5, 2));
    Instant deadline = Instant.now().plusMillis(300);
    long t0 = System.nanoTime();
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () ->
                activities(Duration.ofSeconds(5), Duration.ofSeconds(30))
                    .awaitSteady(REGION, CLUSTER, SERVICE, deadline));
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

    // One poll, a pause cut to the 300 ms left (not the 5 s interval), one last poll at the
    // deadline.
    assertTrue(
        applicationFailure(e).getOriginalMessage().contains("(after 2 polls in eu-west-1"),
        applicationFailure(e).getOriginalMessage());
    assertTrue(elapsedMs < 3000, "waited " + elapsedMs + " ms for a deadline 300 ms away");
  }

  @Test
  void aFailedRolloutOfThePrimaryDeploymentFailsAtOnce() {
    ecs.script(
        rolling(1, 5, 4),
        service(
            STABLE,
            1,
            5,
            0,
            deployment(
                "ecs-svc/new",
                "PRIMARY",
                STABLE,
                "FAILED",
                "ECS deployment circuit breaker: tasks failed to start."),
            deployment("ecs-svc/old", "ACTIVE", OLD, "COMPLETED", null)));
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () -> fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30)));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertEquals("EcsDeploymentFailed", af.getType());
    assertEquals(
        "deployment ecs-svc/new ("
            + STABLE
            + ") of service "
            + SERVICE
            + " in cluster "
            + CLUSTER
            + " in eu-west-1 FAILED: ECS deployment circuit breaker: tasks failed to start.; now "
            + SERVICE
            + " on "
            + STABLE
            + ": running 1/5, pending 0, 2 deployment(s)",
        af.getOriginalMessage());
    assertEquals(2, ecs.describes.get());
  }

  @Test
  void aRollbackByTheCircuitBreakerFailsTooNamingWhereItRollsBackTo() {
    ecs.script(
        service(
            OLD,
            2,
            5,
            3,
            deployment("ecs-svc/rollback", "PRIMARY", OLD, "IN_PROGRESS", null),
            deployment("ecs-svc/new", "ACTIVE", STABLE, "FAILED", "tasks failed to start")));
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () -> fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30)));
    ApplicationFailure af = applicationFailure(e);
    assertEquals("EcsDeploymentFailed", af.getType());
    assertTrue(
        af.getOriginalMessage()
            .startsWith(
                "deployment ecs-svc/new ("
                    + STABLE
                    + ") of service "
                    + SERVICE
                    + " in cluster "
                    + CLUSTER
                    + " in eu-west-1 FAILED: tasks failed to start; ECS is rolling the service back"
                    + " to "
                    + OLD),
        af.getOriginalMessage());
  }

  @Test
  void aRetriedAttemptCarriesOnCountingFromTheHeartbeat() {
    env.setHeartbeatDetails(
        new SteadyProgress(7, "inventory-service on x: running 3/5, pending 2, 2 deployment(s)"));
    ecs.script(rolling(4, 5, 1));
    Instant deadline = Instant.now().minusSeconds(1);
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class, () -> fast().awaitSteady(REGION, CLUSTER, SERVICE, deadline));
    assertTrue(
        applicationFailure(e).getOriginalMessage().contains("(after 8 polls in eu-west-1"),
        applicationFailure(e).getOriginalMessage());
    assertEquals(
        List.of(
            new SteadyProgress(
                8, SERVICE + " on " + STABLE + ": running 4/5, pending 1, 2 deployment(s)")),
        heartbeats);
  }

  @Test
  void aRetriedAttemptThatFindsItSteadyReturnsIt() {
    env.setHeartbeatDetails(
        new SteadyProgress(12, "inventory-service on x: running 3/5, pending 2, 2 deployment(s)"));
    ecs.script(steady(5));
    EcsServiceState state =
        fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30));
    assertTrue(state.steady());
    assertEquals(13, heartbeats.get(0).polls());
  }

  @Test
  void aTransientDescribeErrorIsOnePollThatSawNothing() {
    ecs.failNext = true;
    ecs.script(steady(5));
    EcsServiceState state =
        fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30));
    assertTrue(state.steady());
    // The first heartbeat is always sent; a later one inside the SDK's throttle interval may be
    // dropped when the activity completes, so the count is not asserted (it flaked under load).
    assertTrue(
        heartbeats.get(0).lastState().startsWith("unknown: describe failed"),
        heartbeats.get(0).toString());
    assertEquals(1, heartbeats.get(0).polls(), "the failed describe counts as a poll");
  }

  @Test
  void aServiceThatDisappearsEndsTheWaitNamingIt() {
    ecs.script(rolling(3, 5, 2), null);
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () -> fast().awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30)));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertEquals("EcsServiceNotFound", af.getType());
    assertEquals(
        "ECS service '"
            + SERVICE
            + "' not found in cluster '"
            + CLUSTER
            + "' in eu-west-1 (MISSING)",
        af.getOriginalMessage());
  }

  @Test
  void cancellationDeliveredByTheHeartbeatEndsTheWait() {
    ecs.script(rolling(3, 5, 2));
    env.setActivityHeartbeatListener(
        SteadyProgress.class,
        p -> {
          heartbeats.add(p);
          if (p.polls() == 3) env.requestCancelActivity();
        });
    EcsActivities stub = fast();
    assertThrows(
        CanceledFailure.class,
        () -> stub.awaitSteady(REGION, CLUSTER, SERVICE, Instant.now().plusSeconds(30)));
    assertEquals(3, ecs.describes.get(), "polls after the cancelling heartbeat");
  }

  @Test
  void aMissingDeadlineIsABadInput() {
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class, () -> fast().awaitSteady(REGION, CLUSTER, SERVICE, null));
    assertTrue(applicationFailure(e).isNonRetryable());
    assertEquals("InvalidInput", applicationFailure(e).getType());
    assertEquals(0, ecs.describes.get());
  }

  @Test
  void theIntervalDoublesUpToTheCap() {
    SteadyPoller p =
        new SteadyPoller(
            EcsActivitiesImpl.DEFAULT_INITIAL_POLL,
            EcsActivitiesImpl.DEFAULT_MAX_POLL,
            java.time.Clock.systemUTC());
    assertEquals(
        List.of(2L, 4L, 8L, 15L, 15L, 15L, 15L),
        List.of(1, 2, 3, 4, 5, 6, 100).stream().map(n -> p.intervalAfter(n).toSeconds()).toList());
  }

  static Service service(
      String taskDefinition, int running, int desired, int pending, Deployment... deployments) {
    return Service.builder()
        .serviceName(SERVICE)
        .clusterArn("arn:aws:ecs:eu-west-1:123456789012:cluster/" + CLUSTER)
        .status("ACTIVE")
        .taskDefinition(taskDefinition)
        .runningCount(running)
        .desiredCount(desired)
        .pendingCount(pending)
        .deployments(deployments)
        .build();
  }

  static Deployment deployment(
      String id, String status, String taskDefinition, String rollout, String reason) {
    return Deployment.builder()
        .id(id)
        .status(status)
        .taskDefinition(taskDefinition)
        .rolloutState(rollout)
        .rolloutStateReason(reason)
        .createdAt(Instant.parse("2024-01-15T03:30:00Z"))
        .build();
  }

  /**
   * An ECS client whose describe-services answers the next scripted service (the last repeats;
   * null: gone).
   */
  static final class ScriptedEcs implements EcsClient {
    private final Deque<Service> script = new ArrayDeque<>();
    private Service last;
    private boolean gone;
    final AtomicInteger describes = new AtomicInteger();
    volatile boolean failNext;

    void script(Service... services) {
      for (Service s : services) {
        if (s == null) script.add(Service.builder().serviceName("<gone>").build());
        else script.add(s);
      }
    }

    @Override
    public synchronized DescribeServicesResponse describeServices(DescribeServicesRequest request) {
      describes.incrementAndGet();
      if (failNext) {
        failNext = false;
        throw SdkClientException.create("connection reset");
      }
      if (!script.isEmpty()) {
        last = script.poll();
        gone = "<gone>".equals(last.serviceName());
      }
      if (gone) {
        return DescribeServicesResponse.builder()
            .services(List.of())
            .failures(
                Failure.builder()
                    .arn("arn:aws:ecs:eu-west-1:123456789012:service/" + SERVICE)
                    .reason("MISSING")
                    .build())
            .build();
      }
      return DescribeServicesResponse.builder().services(last).failures(List.of()).build();
    }

    @Override
    public String serviceName() {
      return "ecs";
    }

    @Override
    public void close() {}
  }
}
