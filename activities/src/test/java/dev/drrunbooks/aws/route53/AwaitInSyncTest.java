package dev.drrunbooks.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.aws.rds.PollProgress;
import dev.drrunbooks.aws.rds.Polling;
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
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;

/**
 * GetChange until INSYNC: moto answers INSYNC at once, so the wait is shown with a Route53 client
 * that answers a scripted sequence, on Temporal's activity test environment (heartbeats,
 * cancellation).
 */
class AwaitInSyncTest {
  private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40));
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofMillis(5))
          .build();

  private TestActivityEnvironment env;
  private ScriptedRoute53 route53;
  private Route53Activities stub;
  private final List<PollProgress> heartbeats = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(PollProgress.class, heartbeats::add);
    route53 = new ScriptedRoute53();
    env.registerActivitiesImplementations(new Route53ActivitiesImpl(() -> route53, FAST));
    stub = env.newActivityStub(Route53Activities.class, OPTIONS);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static ApplicationFailure applicationFailure(ActivityFailure e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause(), () -> "cause of " + e);
  }

  @Test
  void pollsUntilInSyncHeartbeatingEachStatus() {
    route53.statuses("PENDING", "PENDING", "INSYNC");
    assertEquals("INSYNC", stub.awaitInSync("C2682N5HXP0BZ4", Instant.now().plusSeconds(30)));
    assertEquals(
        List.of(
            new PollProgress(1, "PENDING"),
            new PollProgress(2, "PENDING"),
            new PollProgress(3, "INSYNC")),
        heartbeats);
    assertEquals(List.of("C2682N5HXP0BZ4"), route53.ids.stream().distinct().toList());
  }

  @Test
  void theChangePrefixIsAccepted() {
    route53.statuses("INSYNC");
    assertEquals(
        "INSYNC", stub.awaitInSync("/change/C2682N5HXP0BZ4", Instant.now().plusSeconds(30)));
    assertEquals(List.of("C2682N5HXP0BZ4"), route53.ids);
  }

  @Test
  void pastTheDeadlineItFailsNonRetryablyWithTheStatusSeen() {
    route53.statuses("PENDING");
    Instant deadline = Instant.now().plusMillis(200);
    ActivityFailure e = assertThrows(ActivityFailure.class, () -> stub.awaitInSync("C1", deadline));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertEquals("WaitDeadlineExceeded", af.getType());
    assertTrue(
        af.getOriginalMessage()
            .startsWith("Route53 change 'C1' still 'PENDING' at " + deadline + " after "),
        af.getOriginalMessage());
  }

  @Test
  void aTransientGetChangeErrorIsOnePollThatSawNothing() {
    route53.failNext = true;
    route53.statuses("INSYNC");
    assertEquals("INSYNC", stub.awaitInSync("C1", Instant.now().plusSeconds(30)));
    assertEquals(2, heartbeats.size());
    assertTrue(
        heartbeats.get(0).lastStatus().startsWith("unknown: describe failed"),
        heartbeats.get(0).toString());
  }

  @Test
  void anUnknownChangeFailsNonRetryablyNamingIt() {
    route53.statuses("gone");
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class, () -> stub.awaitInSync("C404", Instant.now().plusSeconds(30)));
    ApplicationFailure af = applicationFailure(e);
    assertTrue(af.isNonRetryable());
    assertTrue(
        af.getOriginalMessage().startsWith("get-change C404 failed: NoSuchChange"),
        af.getOriginalMessage());
    assertEquals(1, route53.calls.get());
  }

  @Test
  void aMissingChangeIdOrDeadlineIsABadInput() {
    assertTrue(
        applicationFailure(
                assertThrows(
                    ActivityFailure.class,
                    () -> stub.awaitInSync(" ", Instant.now().plusSeconds(30))))
            .isNonRetryable());
    assertTrue(
        applicationFailure(assertThrows(ActivityFailure.class, () -> stub.awaitInSync("C1", null)))
            .isNonRetryable());
    assertEquals(0, route53.calls.get());
  }

  @Test
  void cancellationDeliveredByTheHeartbeatEndsTheWait() {
    route53.statuses("PENDING");
    env.setActivityHeartbeatListener(
        PollProgress.class,
        p -> {
          if (p.polls() == 2) env.requestCancelActivity();
        });
    assertThrows(
        CanceledFailure.class, () -> stub.awaitInSync("C1", Instant.now().plusSeconds(30)));
    assertEquals(2, route53.calls.get());
  }

  /** A Route53 client whose GetChange answers the next scripted status (the last one repeats). */
  static final class ScriptedRoute53 implements Route53Client {
    private final Deque<String> script = new ArrayDeque<>();
    private String last = "PENDING";
    final AtomicInteger calls = new AtomicInteger();
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failNext;

    void statuses(String... statuses) {
      script.addAll(List.of(statuses));
    }

    @Override
    public synchronized GetChangeResponse getChange(GetChangeRequest request) {
      calls.incrementAndGet();
      ids.add(request.id());
      if (failNext) {
        failNext = false;
        throw SdkClientException.create("connection reset");
      }
      if (!script.isEmpty()) last = script.poll();
      if ("gone".equals(last)) {
        throw NoSuchChangeException.builder()
            .statusCode(404)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("NoSuchChange")
                    .errorMessage("A change with the specified change ID does not exist.")
                    .build())
            .build();
      }
      return GetChangeResponse.builder()
          .changeInfo(
              ChangeInfo.builder()
                  .id(request.id())
                  .status(last)
                  .submittedAt(Instant.parse("2024-01-15T03:00:00Z"))
                  .build())
          .build();
    }

    @Override
    public String serviceName() {
      return "route53";
    }

    @Override
    public void close() {}
  }
}
