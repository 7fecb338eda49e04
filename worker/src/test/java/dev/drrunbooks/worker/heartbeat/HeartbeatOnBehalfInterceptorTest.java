package dev.drrunbooks.worker.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interceptor in the SDK's test activity environment (no server): what reaches
 * RecordActivityTaskHeartbeat while an activity runs, and after it ends.
 */
class HeartbeatOnBehalfInterceptorTest {
  /** The SDK sends at most every 0.8 of this (240 ms); the interceptor re-sends every 50 ms. */
  private static final ActivityOptions HEARTBEAT_300_MS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofMillis(300))
          .build();

  @ActivityInterface
  public interface Work {
    /**
     * Heartbeats {@code first}, works, heartbeats {@code second}, works; each stretch {@code
     * millis}.
     */
    void twoSteps(String first, String second, long millis);

    /** Works {@code millis} without heartbeating, then fails. */
    void failAfter(long millis);

    /** Works {@code millis} without heartbeating; returns the heartbeat details it then sees. */
    String detailsAfter(long millis);
  }

  public static class WorkImpl implements Work {
    @Override
    public void twoSteps(String first, String second, long millis) {
      Activity.getExecutionContext().heartbeat(first);
      sleep(millis);
      Activity.getExecutionContext().heartbeat(second);
      sleep(millis);
    }

    @Override
    public void failAfter(long millis) {
      sleep(millis);
      throw ApplicationFailure.newNonRetryableFailure("broken on purpose", "Test");
    }

    @Override
    public String detailsAfter(long millis) {
      sleep(millis);
      return Activity.getExecutionContext().getHeartbeatDetails(String.class).orElse("(none)");
    }
  }

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment env;

  @BeforeEach
  void setUp() {
    scheduler.setRemoveOnCancelPolicy(true);
    env =
        TestActivityEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(
                            new HeartbeatOnBehalfInterceptor(scheduler, Duration.ofMillis(50)))
                        .build())
                .build());
    env.registerActivitiesImplementations(new WorkImpl());
    env.setActivityHeartbeatListener(String.class, sent::add);
  }

  @AfterEach
  void tearDown() {
    env.close();
    scheduler.shutdownNow();
  }

  @Test
  void resendsTheActivitysOwnLastDetailsWhileItRunsAndStopsWhenItReturns() {
    env.newActivityStub(Work.class, HEARTBEAT_300_MS).twoSteps("step 1", "step 2", 800);

    int firstStep2 = sent.indexOf("step 2");
    assertTrue(firstStep2 >= 3, "step 1 sent, then re-sent while the first stretch ran: " + sent);
    assertEquals(
        List.of("step 1"),
        sent.subList(0, firstStep2).stream().distinct().toList(),
        sent.toString());
    List<String> after = sent.subList(firstStep2, sent.size());
    assertTrue(after.size() >= 3, "step 2 re-sent while the second stretch ran: " + sent);
    assertEquals(
        List.of("step 2"), after.stream().distinct().toList(), "never an older detail: " + sent);
    assertStopped();
  }

  @Test
  void heartbeatsAnActivityThatNeverHeartbeatsAndStopsWhenItThrows() {
    ActivityFailure failure =
        assertThrows(
            ActivityFailure.class,
            () -> env.newActivityStub(Work.class, HEARTBEAT_300_MS).failAfter(800));
    assertTrue(failure.getCause().getMessage().contains("broken on purpose"), failure.toString());

    assertTrue(sent.size() >= 3, "heartbeated on its behalf while it ran: " + sent);
    assertStopped();
  }

  @Test
  void keepsThePreviousAttemptsDetailsUntilTheActivityHeartbeatsItself() {
    env.setHeartbeatDetails("polls=7 status=creating");

    String seen = env.newActivityStub(Work.class, HEARTBEAT_300_MS).detailsAfter(800);

    assertEquals(
        "polls=7 status=creating", seen, "the activity still reads the previous attempt's details");
    assertTrue(sent.size() >= 3, "heartbeated on its behalf: " + sent);
    assertEquals(
        List.of("polls=7 status=creating"),
        sent.stream().distinct().toList(),
        "re-sent unchanged, never replaced by empty details: " + sent);
    assertStopped();
  }

  @Test
  void leavesAnActivityWithoutHeartbeatTimeoutAlone() {
    env.newActivityStub(
            Work.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build())
        .detailsAfter(300);

    assertEquals(List.of(), sent, "no heartbeat timeout: nothing to keep alive");
    assertEquals(0, scheduler.getQueue().size());
  }

  /**
   * No re-send is scheduled any more, and none arrives later (after the SDK's own throttled send).
   */
  private void assertStopped() {
    assertEquals(0, scheduler.getQueue().size(), "the re-send task is cancelled");
    sleep(300);
    int settled = sent.size();
    sleep(500);
    assertEquals(settled, sent.size(), "no heartbeat after the activity ended: " + sent);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
