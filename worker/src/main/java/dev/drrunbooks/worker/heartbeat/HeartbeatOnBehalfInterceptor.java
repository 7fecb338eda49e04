package dev.drrunbooks.worker.heartbeat;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every activity with a heartbeat timeout heartbeats while it runs, also one that never calls
 * {@code heartbeat} itself (a restore call, a delete, a data check): a worker killed mid-call is
 * then noticed by Temporal within the heartbeat timeout, not only at the start-to-close timeout,
 * and the retry goes to another worker. The details sent are always the activity's own last ones
 * (or the previous attempt's), so waits still resume from them ({@link LastDetailsContext}).
 */
public final class HeartbeatOnBehalfInterceptor extends WorkerInterceptorBase {
  /**
   * Longest gap between heartbeats on an activity's behalf; shorter for short heartbeat timeouts.
   */
  public static final Duration DEFAULT_MAX_PERIOD = Duration.ofSeconds(5);

  private static final ScheduledExecutorService SHARED = newScheduler();

  private final ScheduledExecutorService scheduler;
  private final Duration maxPeriod;

  /**
   * Re-sends at most every {@link #DEFAULT_MAX_PERIOD} from one scheduler shared by all workers.
   */
  public HeartbeatOnBehalfInterceptor() {
    this(SHARED, DEFAULT_MAX_PERIOD);
  }

  /**
   * @param scheduler runs the re-sends; they are short, and a heartbeat the SDK throttles does not
   *     block
   * @param maxPeriod longest gap between re-sends (a third of the heartbeat timeout when that is
   *     shorter)
   */
  public HeartbeatOnBehalfInterceptor(ScheduledExecutorService scheduler, Duration maxPeriod) {
    if (maxPeriod == null || maxPeriod.isNegative() || maxPeriod.isZero()) {
      throw new IllegalArgumentException("maxPeriod must be positive, was " + maxPeriod);
    }
    this.scheduler = scheduler;
    this.maxPeriod = maxPeriod;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new HeartbeatingActivityInbound(next, scheduler, maxPeriod);
  }

  /**
   * Daemon threads: a worker's exit never waits for them; cancelled re-sends are dropped at once.
   */
  private static ScheduledExecutorService newScheduler() {
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            2,
            r -> {
              Thread t = new Thread(r, "heartbeat-on-behalf-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }
}
