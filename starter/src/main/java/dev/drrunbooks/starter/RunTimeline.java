package dev.drrunbooks.starter;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.model.TimelineQuery;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * A run's timeline as the {@link TimelineQuery} answers it (a worker answers for a closed run by
 * replaying it), and one entry as the line {@code dr watch} prints.
 */
public final class RunTimeline {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The prefix of the steps a run's clean-up records ({@code model.Cleanup}). */
  static final String CLEANUP_STEP = "clean up ";

  private RunTimeline() {}

  /** The timeline so far; throws what the query threw (no worker, no such query). */
  public static List<TimelineEntry> read(WorkflowStub run) {
    return Arrays.asList(run.query(TimelineQuery.NAME, TimelineEntry[].class));
  }

  /** The entries a run's clean-up (compensation) recorded, in order. */
  public static List<TimelineEntry> cleanup(List<TimelineEntry> entries) {
    return entries.stream()
        .filter(e -> e.outcome() == Outcome.COMPENSATED || e.step().startsWith(CLEANUP_STEP))
        .toList();
  }

  /** "12:03:04 SUCCEEDED restore inventory (3s): detail", times in UTC. */
  public static String line(TimelineEntry e) {
    long seconds = Duration.between(e.start(), e.end()).toSeconds();
    return CLOCK.format(e.start())
        + " "
        + e.outcome()
        + " "
        + e.step()
        + " ("
        + seconds
        + "s)"
        + (e.detail() == null || e.detail().isBlank() ? "" : ": " + e.detail());
  }
}
