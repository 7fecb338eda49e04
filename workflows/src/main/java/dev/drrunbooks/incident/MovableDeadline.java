package dev.drrunbooks.incident;

import dev.drrunbooks.model.Timeline;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A workflow sleep until a deadline that updates can move (compare samples-java {@code updatabletimer}):
 * {@link #await} returns when the deadline is reached, when {@link #moved()} was called (a severity
 * change, an acknowledgement, a child's end: the caller recomputes the deadline and waits again), or
 * when {@code stop} holds. Workflow code only.
 */
final class MovableDeadline {
  private int moves;

  /** Wakes the current {@link #await}: whatever it waits for may have changed. */
  void moved() {
    moves++;
  }

  /**
   * @param deadline the instant to wake at; null: no deadline, wait for a move or {@code stop} only
   * @return true when the deadline was reached (no move, {@code stop} false)
   */
  boolean await(Instant deadline, BooleanSupplier stop) {
    int seen = moves;
    if (deadline == null) {
      Workflow.await(() -> moves != seen || stop.getAsBoolean());
      return false;
    }
    return !Workflow.await(Duration.between(Timeline.now(), deadline), () -> moves != seen || stop.getAsBoolean());
  }
}
