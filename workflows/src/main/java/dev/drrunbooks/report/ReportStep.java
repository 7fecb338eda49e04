package dev.drrunbooks.report;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Duration;
import java.time.Instant;

/**
 * One bar of the timeline: a run's step, with the service it belongs to when a run covers several.
 */
public record ReportStep(
    String service, String step, Instant start, Instant end, Outcome outcome, String detail) {

  public static ReportStep of(String service, TimelineEntry e) {
    return new ReportStep(service, e.step(), e.start(), e.end(), e.outcome(), e.detail());
  }

  /** How long the step took (zero when a time is missing). */
  public Duration took() {
    return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
  }
}
