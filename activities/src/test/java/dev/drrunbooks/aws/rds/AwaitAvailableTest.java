package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.SnapshotInfo;
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
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;

/**
 * The waits' backoff, deadline, heartbeat and cancellation logic, on Temporal's activity test
 * environment with an RDS client that answers a scripted sequence of statuses (moto's instances and
 * snapshots are always "available" at once, so it cannot show a wait).
 */
class AwaitAvailableTest {
  private static final String REGION = "eu-west-1";
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));

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
  private ScriptedRds rds;
  private final List<PollProgress> heartbeats = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(PollProgress.class, heartbeats::add);
    rds = new ScriptedRds();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private RdsRestoreActivities restore(Polling polling) {
    env.registerActivitiesImplementations(new RdsRestoreActivitiesImpl(region -> rds, polling));
    return env.newActivityStub(RdsRestoreActivities.class, OPTIONS);
  }

  private static ApplicationFailure applicationFailure(ActivityFailure e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause(), () -> "cause of " + e);
  }

  @Test
  void pollsWithBackoffUntilAvailableAndHeartbeatsEachStatus() {
    rds.statuses("creating", "creating", "backing-up", "available");
    InstanceInfo info =
        restore(FAST).awaitInstanceAvailable(REGION, "db-1", Instant.now().plusSeconds(30));

    assertEquals("available", info.status());
    assertEquals("db-1.example", info.endpointAddress());
    assertEquals(
        List.of(
            new PollProgress(1, "creating"),
            new PollProgress(2, "creating"),
            new PollProgress(3, "backing-up"),
            new PollProgress(4, "available")),
        heartbeats);
  }

  @Test
  void withExpectedDurationsTheRestoreWaitAsksForTheInstanceClassAndPacesByTheCadence() {
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    env.registerActivitiesImplementations(
        new RdsRestoreActivitiesImpl(
            region -> rds,
            FAST,
            instanceClass -> {
              asked.add(instanceClass);
              return ExpectedRestoreDurations.CLASS_DEFAULTS.expectedFor(instanceClass);
            }));
    rds.statuses("creating", "available");
    long began = System.nanoTime();
    // The cadence's first pause (4 min: half the plausible earliest end of a db.t3.micro) is cut
    // to the deadline, 1.5 s away, where the second describe sees it available.
    InstanceInfo info =
        env.newActivityStub(RdsRestoreActivities.class, OPTIONS)
            .awaitInstanceAvailable(REGION, "db-1", Instant.now().plusMillis(1500));
    long tookMs = (System.nanoTime() - began) / 1_000_000;
    assertEquals("available", info.status());
    assertEquals(List.of("db.t3.micro"), asked);
    assertEquals(2, rds.describes.get());
    assertTrue(tookMs >= 1000, "paused to the deadline, not FAST's 10 ms: " + tookMs + " ms");
  }

  @Test
  void aStateItCannotRecoverFromFailsAtOnceNamingIt() {
    rds.statuses("creating", "incompatible-restore");
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () ->
                restore(FAST)
                    .awaitInstanceAvailable(REGION, "db-1", Instant.now().plusSeconds(30)));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertEquals("RdsBadState", af.getType());
    assertTrue(
        af.getOriginalMessage()
            .startsWith("RDS instance 'db-1' in eu-west-1 is 'incompatible-restore'"),
        af.getOriginalMessage());
    assertEquals(2, rds.describes.get());
  }

  @Test
  void pastTheDeadlineItFailsWithTheLastStatusAndThePollCount() {
    rds.statuses("creating");
    Instant deadline = Instant.now().minusSeconds(1);
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () -> restore(FAST).awaitInstanceAvailable(REGION, "db-1", deadline));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertEquals("WaitDeadlineExceeded", af.getType());
    assertEquals(
        "RDS instance 'db-1' in eu-west-1 still 'creating' at "
            + deadline
            + " after 1 polls (the run's RTO budget)",
        af.getOriginalMessage());
  }

  @Test
  void neverSleepsPastTheDeadline() {
    rds.statuses("modifying");
    Instant deadline = Instant.now().plusMillis(300);
    long t0 = System.nanoTime();
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () ->
                restore(new Polling(Duration.ofSeconds(5), Duration.ofSeconds(30)))
                    .awaitInstanceAvailable(REGION, "db-1", deadline));
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

    // One poll, a pause cut to the 300 ms left (not the 5 s interval), one last poll at the
    // deadline.
    assertEquals(
        "RDS instance 'db-1' in eu-west-1 still 'modifying' at "
            + deadline
            + " after 2 polls (the run's RTO budget)",
        applicationFailure(e).getOriginalMessage());
    assertTrue(elapsedMs < 3000, "waited " + elapsedMs + " ms for a deadline 300 ms away");
  }

  @Test
  void theIntervalDoublesUpToTheCap() {
    Polling p = Polling.DEFAULT;
    assertEquals(
        List.of(2L, 4L, 8L, 16L, 30L, 30L, 30L),
        List.of(1, 2, 3, 4, 5, 6, 100).stream().map(n -> p.intervalAfter(n).toSeconds()).toList());
  }

  @Test
  void aRetriedAttemptCarriesOnCountingFromTheHeartbeat() {
    env.setHeartbeatDetails(new PollProgress(7, "creating"));
    rds.statuses("creating");
    Instant deadline = Instant.now().minusSeconds(1);
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () -> restore(FAST).awaitInstanceAvailable(REGION, "db-1", deadline));
    assertTrue(
        applicationFailure(e).getOriginalMessage().endsWith("after 8 polls (the run's RTO budget)"),
        applicationFailure(e).getOriginalMessage());
    assertEquals(List.of(new PollProgress(8, "creating")), heartbeats);
  }

  @Test
  void aTransientDescribeErrorIsOnePollThatSawNothing() {
    rds.failNext = true;
    rds.statuses("available");
    InstanceInfo info =
        restore(FAST).awaitInstanceAvailable(REGION, "db-1", Instant.now().plusSeconds(30));
    assertEquals("available", info.status());
    assertEquals(2, heartbeats.size());
    assertTrue(
        heartbeats.get(0).lastStatus().startsWith("unknown: describe failed"),
        heartbeats.get(0).toString());
  }

  @Test
  void anInstanceThatDisappearsEndsTheWaitNamingIt() {
    rds.statuses("creating", "gone");
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () ->
                restore(FAST)
                    .awaitInstanceAvailable(REGION, "db-1", Instant.now().plusSeconds(30)));
    assertEquals(
        "RDS instance 'db-1' not found in eu-west-1", applicationFailure(e).getOriginalMessage());
    assertTrue(applicationFailure(e).isNonRetryable());
  }

  @Test
  void cancellationDeliveredByTheHeartbeatEndsTheWait() {
    rds.statuses("creating");
    env.setActivityHeartbeatListener(
        PollProgress.class,
        p -> {
          heartbeats.add(p);
          if (p.polls() == 3) env.requestCancelActivity();
        });
    RdsRestoreActivities stub = restore(FAST);
    // The heartbeat threw ActivityCanceledException and the wait let it through: the test
    // environment
    // reports that as the activity's cancellation.
    assertThrows(
        CanceledFailure.class,
        () -> stub.awaitInstanceAvailable(REGION, "db-1", Instant.now().plusSeconds(30)));
    assertEquals(3, rds.describes.get(), "polls after the cancelling heartbeat");
  }

  @Test
  void aMissingDeadlineIsABadInput() {
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () -> restore(FAST).awaitInstanceAvailable(REGION, "db-1", null));
    assertTrue(applicationFailure(e).isNonRetryable());
    assertEquals(0, rds.describes.get());
  }

  @Test
  void snapshotsWaitTheSameWay() {
    rds.statuses("creating", "copying", "available");
    env.registerActivitiesImplementations(new RdsSnapshotActivitiesImpl(region -> rds, FAST));
    RdsSnapshotActivities snapshots = env.newActivityStub(RdsSnapshotActivities.class, OPTIONS);
    SnapshotInfo s =
        snapshots.awaitSnapshotAvailable(REGION, "snap-1", Instant.now().plusSeconds(30));
    assertEquals("available", s.status());
    assertEquals(3, heartbeats.size());
  }

  @Test
  void aFailedSnapshotFailsNamingTheStatus() {
    rds.statuses("creating", "failed");
    env.registerActivitiesImplementations(new RdsSnapshotActivitiesImpl(region -> rds, FAST));
    RdsSnapshotActivities snapshots = env.newActivityStub(RdsSnapshotActivities.class, OPTIONS);
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () ->
                snapshots.awaitSnapshotAvailable(REGION, "snap-1", Instant.now().plusSeconds(30)));
    assertTrue(
        applicationFailure(e)
            .getOriginalMessage()
            .startsWith("RDS snapshot 'snap-1' in eu-west-1 is 'failed'"),
        applicationFailure(e).getOriginalMessage());
    assertFalse(applicationFailure(e).getOriginalMessage().contains("null"));
  }

  /** An RDS client whose describes answer the next scripted status (the last one repeats). */
  static final class ScriptedRds implements RdsClient {
    private final Deque<String> script = new ArrayDeque<>();
    private String last = "creating";
    final AtomicInteger describes = new AtomicInteger();
    volatile boolean failNext;

    void statuses(String... statuses) {
      script.addAll(List.of(statuses));
    }

    private synchronized String next() {
      describes.incrementAndGet();
      if (failNext) {
        failNext = false;
        throw SdkClientException.create("connection reset");
      }
      if (!script.isEmpty()) last = script.poll();
      return last;
    }

    @Override
    public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request) {
      String status = next();
      if ("gone".equals(status))
        throw DbInstanceNotFoundException.builder().message("not found").build();
      String id = request.dbInstanceIdentifier();
      return DescribeDbInstancesResponse.builder()
          .dbInstances(
              DBInstance.builder()
                  .dbInstanceIdentifier(id)
                  .dbInstanceArn("arn:aws:rds:" + REGION + ":123456789012:db:" + id)
                  .dbInstanceStatus(status)
                  .dbInstanceClass("db.t3.micro")
                  .endpoint(Endpoint.builder().address(id + ".example").port(5432).build())
                  .tagList(List.of())
                  .build())
          .build();
    }

    @Override
    public DescribeDbSnapshotsResponse describeDBSnapshots(DescribeDbSnapshotsRequest request) {
      String status = next();
      String id = request.dbSnapshotIdentifier();
      return DescribeDbSnapshotsResponse.builder()
          .dbSnapshots(
              DBSnapshot.builder()
                  .dbSnapshotIdentifier(id)
                  .dbSnapshotArn("arn:aws:rds:" + REGION + ":123456789012:snapshot:" + id)
                  .status(status)
                  .snapshotType("manual")
                  .snapshotCreateTime(Instant.parse("2024-01-15T03:00:00Z"))
                  .tagList(List.of())
                  .build())
          .build();
    }

    @Override
    public String serviceName() {
      return "rds";
    }

    @Override
    public void close() {}
  }
}
