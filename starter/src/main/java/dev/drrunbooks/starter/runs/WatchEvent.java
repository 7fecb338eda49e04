package dev.drrunbooks.starter.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.starter.RunEnding;

/**
 * One line of {@code dr watch --json}: a timeline step ({@code "event": "step"}), a progress line
 * ({@code "progress"}) or the run's ending ({@code "end"}, always the last); the fields of the
 * other kinds are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchEvent(String event, TimelineEntry step, String progress, RunEnding ending) {
  public static WatchEvent step(TimelineEntry e) {
    return new WatchEvent("step", e, null, null);
  }

  public static WatchEvent progress(String line) {
    return new WatchEvent("progress", null, line, null);
  }

  public static WatchEvent end(RunEnding ending) {
    return new WatchEvent("end", null, null, ending);
  }
}
