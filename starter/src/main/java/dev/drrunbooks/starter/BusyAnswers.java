package dev.drrunbooks.starter;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;

/**
 * Patience with a Temporal server that answers RESOURCE_EXHAUSTED ("Workflow is busy." while it
 * holds the run's lock, or a rate limit) during a wait: the run itself is unaffected, so a wait
 * polls again instead of failing, until busy answers have lasted {@link #PATIENCE} without a break.
 * See the Temporal server's BUSY_WORKFLOW cause (temporal.api.enums.v1.ResourceExhaustedCause).
 */
public final class BusyAnswers {
  /** How long busy answers may last, without one good answer between them, before a wait fails. */
  public static final Duration PATIENCE = Duration.ofMinutes(2);

  private Instant firstBusy;

  /**
   * Whether to poll again after {@code e}: true when it is a busy answer within the patience; false
   * for any other error, which the caller rethrows.
   */
  public boolean pollAgain(RuntimeException e, Instant now) {
    if (!OneLineErrors.hasStatus(e, Status.Code.RESOURCE_EXHAUSTED)) return false;
    if (firstBusy == null) firstBusy = now;
    return Duration.between(firstBusy, now).compareTo(PATIENCE) < 0;
  }

  /** A poll got an answer: the patience starts over at the next busy one. */
  public void answered() {
    firstBusy = null;
  }
}
