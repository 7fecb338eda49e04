package dev.drrunbooks.worker.heartbeat;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One activity execution: hands the activity a {@link LastDetailsContext} and, while it runs,
 * re-sends its last heartbeat details every {@code period} from the shared scheduler; stops when
 * the activity returns or throws, or once a heartbeat reports the attempt is over (cancelled, gone,
 * reset, paused: the activity's own next heartbeat, if any, learns that from the SDK).
 */
final class HeartbeatingActivityInbound extends ActivityInboundCallsInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatingActivityInbound.class);

  private final ScheduledExecutorService scheduler;
  private final Duration maxPeriod;
  private LastDetailsContext context;
  private ActivityInfo info;

  HeartbeatingActivityInbound(
      ActivityInboundCallsInterceptor next,
      ScheduledExecutorService scheduler,
      Duration maxPeriod) {
    super(next);
    this.scheduler = scheduler;
    this.maxPeriod = maxPeriod;
  }

  @Override
  public void init(ActivityExecutionContext context) {
    // The context given to the next interceptor is the one Activity.getExecutionContext() returns.
    this.context = new LastDetailsContext(context);
    this.info = context.getInfo();
    super.init(this.context);
  }

  @Override
  public ActivityOutput execute(ActivityInput input) {
    Duration period = periodFor(info, maxPeriod);
    if (period == null) return super.execute(input);
    ScheduledFuture<?> pump =
        scheduler.scheduleWithFixedDelay(
            this::resend, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return super.execute(input);
    } finally {
      pump.cancel(false);
    }
  }

  /**
   * A third of the heartbeat timeout, at most {@code maxPeriod}: two re-sends may be lost before
   * the server gives up on the attempt. Null when there is nothing to keep alive: a local activity
   * (no heartbeats) or no heartbeat timeout.
   */
  static Duration periodFor(ActivityInfo info, Duration maxPeriod) {
    Duration timeout = info.getHeartbeatTimeout();
    if (info.isLocal() || timeout == null || timeout.isZero()) return null;
    Duration third = timeout.dividedBy(3);
    Duration period = third.compareTo(maxPeriod) < 0 ? third : maxPeriod;
    return period.toMillis() < 1 ? Duration.ofMillis(1) : period;
  }

  private void resend() {
    try {
      context.resendLast();
    } catch (ActivityCompletionException e) {
      log.debug(
          "activity {} ({}): attempt over ({}); no more heartbeats on its behalf",
          info.getActivityType(),
          info.getActivityId(),
          e.getClass().getSimpleName());
      throw e; // ends this scheduled task; the activity itself is not touched
    } catch (RuntimeException e) {
      // e.g. "cannot record heartbeats after async completion": nothing more to keep alive
      log.debug(
          "activity {} ({}): heartbeat on its behalf refused: {}",
          info.getActivityType(),
          info.getActivityId(),
          e.toString());
      throw e;
    }
  }
}
