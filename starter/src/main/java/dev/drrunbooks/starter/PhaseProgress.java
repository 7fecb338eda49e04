package dev.drrunbooks.starter;

import dev.drrunbooks.catalog.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The progress lines of a wait on a run, from its DrPhase as polled: one when the phase changes,
 * and one at least every {@link #QUIET} while it does not, so a long wait is never silent. Knows
 * nothing of Temporal: the caller polls and prints.
 */
public final class PhaseProgress {
  /** The longest a wait stays silent. */
  public static final Duration QUIET = Duration.ofSeconds(30);

  private String phase;
  private Instant since;
  private Instant lastLine;

  /**
   * The line to print now, or null when there is nothing new.
   *
   * @param current the run's phase (null: not set yet)
   * @param deadline when the current wait ends by itself (a gate's timeout), or null
   */
  public String next(String current, Instant now, Instant deadline) {
    String shown = current == null ? "(no phase yet)" : current;
    if (since == null || !Objects.equals(shown, phase)) {
      phase = shown;
      since = now;
      lastLine = now;
      return "phase: " + shown + until(deadline);
    }
    if (Duration.between(lastLine, now).compareTo(QUIET) < 0) return null;
    lastLine = now;
    return "still "
        + shown
        + ": waited "
        + Durations.format(Duration.between(since, now).truncatedTo(ChronoUnit.SECONDS))
        + until(deadline);
  }

  private static String until(Instant deadline) {
    return deadline == null ? "" : " (deadline " + deadline.truncatedTo(ChronoUnit.SECONDS) + ")";
  }
}
