package dev.drrunbooks.model;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.Counter;
import com.uber.m3.tally.Gauge;
import com.uber.m3.tally.Histogram;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import com.uber.m3.tally.Timer;
import com.uber.m3.util.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics scope a worker gives the SDK, so {@link RunMetrics} counts each run's event once. The
 * SDK drops metrics while a workflow replays, but a workflow task that fails and is retried runs
 * its new code again, not replaying: a run's last task fails whenever an event arrives while it
 * completes (its lock child ending, a late signal), and the retry would count the run's end again.
 * RunMetrics tags what it emits with {@link #RUN_TAG} (the run id); this scope strips that tag, so
 * it never becomes a label, and lets each counter or timer value of one run through once. Metrics
 * without the tag (the SDK's own) pass unchanged. Remembers the latest {@value #REMEMBERED} keys:
 * far more than a worker's runs ending within a task's retries. One worker's memory: a retry taken
 * by another worker counts again.
 */
public final class OncePerRunScope implements Scope {
  /** The tag RunMetrics puts the run id in; never exported. */
  public static final String RUN_TAG = "dr_once_per_run";

  static final int REMEMBERED = 10_000;

  private final Scope delegate;
  private final Map<String, String> tags;
  private final String run;
  private final Set<String> seen;

  public OncePerRunScope(Scope delegate) {
    this(
        delegate,
        Map.of(),
        null,
        Collections.synchronizedSet(
            Collections.newSetFromMap(
                new LinkedHashMap<>() {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                  }
                })));
  }

  private OncePerRunScope(Scope delegate, Map<String, String> tags, String run, Set<String> seen) {
    this.delegate = delegate;
    this.tags = tags;
    this.run = run;
    this.seen = seen;
  }

  @Override
  public Counter counter(String name) {
    if (run == null) return delegate.counter(name);
    return delta -> {
      if (firstTime("counter", name)) delegate.counter(name).inc(delta);
    };
  }

  @Override
  public Timer timer(String name) {
    if (run == null) return delegate.timer(name);
    Timer timer = delegate.timer(name);
    return new Timer() {
      @Override
      public void record(Duration interval) {
        if (firstTime("timer", name)) timer.record(interval);
      }

      @Override
      public com.uber.m3.tally.Stopwatch start() {
        return timer.start();
      }
    };
  }

  /** A gauge holds the latest value: setting it again is harmless. */
  @Override
  public Gauge gauge(String name) {
    return delegate.gauge(name);
  }

  @Override
  public Histogram histogram(String name, Buckets buckets) {
    return delegate.histogram(name, buckets);
  }

  @Override
  public Scope tagged(Map<String, String> more) {
    if (more == null || more.isEmpty()) {
      return new OncePerRunScope(delegate.tagged(more), tags, run, seen);
    }
    String runTag = more.get(RUN_TAG);
    Map<String, String> rest = more;
    if (runTag != null) {
      rest = new HashMap<>(more);
      rest.remove(RUN_TAG);
    }
    Map<String, String> all = new TreeMap<>(tags);
    all.putAll(rest);
    return new OncePerRunScope(
        delegate.tagged(rest), Map.copyOf(all), runTag != null ? runTag : run, seen);
  }

  @Override
  public Scope subScope(String prefix) {
    return new OncePerRunScope(delegate.subScope(prefix), tags, run, seen);
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void close() throws ScopeCloseException {
    delegate.close();
  }

  private boolean firstTime(String kind, String name) {
    return seen.add(kind + " " + name + " " + new TreeMap<>(tags) + " " + run);
  }
}
