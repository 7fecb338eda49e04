package dev.drrunbooks.worker.ops;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gauges' refresh run now and then every period on a daemon thread of its own. A refresh that
 * throws is counted in {@code failures} and logged, and the gauges keep the values of the last
 * refresh that succeeded: stale figures with a failure count an alert can see, rather than none.
 */
final class PeriodicRefresh implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicRefresh.class);

  private final ScheduledExecutorService timer;

  /**
   * @param what the gauges, for the thread's name and the log line, e.g. {@code visibility}
   */
  PeriodicRefresh(String what, Duration every, Runnable refresh, Counter failures) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dr-" + what + "-gauges");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            refresh.run();
          } catch (RuntimeException e) {
            failures.increment();
            log.warn(
                "{} refresh of the dr_ gauges failed (they keep their values): {}",
                what,
                e.toString());
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
