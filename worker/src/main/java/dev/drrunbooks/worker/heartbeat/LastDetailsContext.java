package dev.drrunbooks.worker.heartbeat;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.RawValue;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The execution context activity code sees (through {@code Activity.getExecutionContext()}): it
 * remembers the details of the activity's own last heartbeat, so {@link #resendLast()} keeps the
 * attempt alive without ever replacing them. Until the activity heartbeats itself, the previous
 * attempt's details are re-sent unchanged (as raw payload), so a resuming wait finds them on the
 * next attempt too.
 */
final class LastDetailsContext extends ActivityExecutionContextBase {
  /**
   * Orders the activity's heartbeats and re-sends, so a re-send never lands after a newer
   * heartbeat. The activity's heartbeat may wait for a re-send in flight, as it would for the SDK's
   * own send.
   */
  private final ReentrantLock order = new ReentrantLock();

  private final ActivityExecutionContext next;

  /** The activity's own last heartbeat; null until it heartbeats. Read without the lock. */
  private volatile Own own;

  private RawValue previousAttempt;

  /** Details as the activity gave them (may be null). */
  private record Own(Object details) {}

  LastDetailsContext(ActivityExecutionContext next) {
    super(next);
    this.next = next;
  }

  @Override
  public <V> void heartbeat(V details) throws ActivityCompletionException {
    order.lock();
    try {
      own = new Own(details);
      next.heartbeat(details);
    } finally {
      order.unlock();
    }
  }

  /**
   * Heartbeats again with the last details: the activity's own, else the previous attempt's. Skips
   * (returns false) while the activity is heartbeating itself: that heartbeat keeps it alive.
   *
   * @throws ActivityCompletionException as {@code heartbeat} does (cancelled, gone, reset, paused)
   */
  boolean resendLast() {
    if (!order.tryLock()) return false;
    try {
      Own last = own;
      if (last != null) {
        next.heartbeat(last.details());
      } else {
        if (previousAttempt == null)
          previousAttempt = next.getLastHeartbeatDetails(RawValue.class).orElse(null);
        next.heartbeat(previousAttempt);
      }
      return true;
    } finally {
      order.unlock();
    }
  }

  /**
   * As the SDK's: this attempt's own last details once the activity heartbeated, else the previous
   * attempt's; never what {@link #resendLast()} sent on the activity's behalf.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass, Type detailsGenericType) {
    Own last = own; // no lock: a re-send in flight must not hold the activity up
    return last != null
        ? Optional.ofNullable((V) last.details())
        : next.getLastHeartbeatDetails(detailsClass, detailsGenericType);
  }

  @Override
  public <V> Optional<V> getHeartbeatDetails(Class<V> detailsClass) {
    return getHeartbeatDetails(detailsClass, detailsClass);
  }
}
