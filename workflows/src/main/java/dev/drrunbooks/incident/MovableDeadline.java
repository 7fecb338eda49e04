package dev.drrunbooks.incident;

import dev.drrunbooks.model.CurrentDetails;
import dev.drrunbooks.model.TimedWait;
import dev.drrunbooks.model.Timeline;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A workflow sleep until a deadline that updates can move (compare samples-java {@code
 * updatabletimer}): {@link #await} returns when the deadline is reached, when {@link #moved()} was
 * called (a severity change, an acknowledgement, a child's end: the caller recomputes the deadline
 * and waits again), or when {@code stop} holds. Workflow code only.
 */
final class MovableDeadline {
  private boolean moved;

  /** Wakes the current {@link #await}: whatever it waits for may have changed. */
  void moved() {
    moved = true;
  }

  /**
   * Returns at {@code deadline}, on a {@link #moved()} call made after this one began, or once
   * {@code stop} holds (re-checked whenever the workflow wakes).
   *
   * @param deadline the instant to wake at; null: no deadline, wait for a move or {@code stop} only
   * @param summary the deadline timer's label in the Temporal UI, also shown in the run's current
   *     details while it waits
   */
  void await(Instant deadline, String summary, BooleanSupplier stop) {
    moved = false;
    if (deadline == null) {
      CurrentDetails.notWaiting();
      Workflow.await(() -> moved || stop.getAsBoolean());
    } else {
      CurrentDetails.waiting("**Next:** " + summary);
      TimedWait.until(
          Duration.between(Timeline.now(), deadline), summary, () -> moved || stop.getAsBoolean());
    }
  }
}
