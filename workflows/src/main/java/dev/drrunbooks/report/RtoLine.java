package dev.drrunbooks.report;

import java.time.Duration;
import java.time.Instant;

/**
 * The RTO objective drawn on the timeline: a vertical line at {@code from + objective}, where
 * {@code from} is what the RTO is measured from (the incident, or the run's start).
 *
 * @param service whose objective it is (the strictest one when a run covers several)
 * @param achieved the RTO the run achieved for that service, null when not measured
 */
public record RtoLine(
    String service, Instant from, Duration objective, Duration achieved, boolean breached) {

  /** Where the line is drawn. */
  public Instant at() {
    return from.plus(objective);
  }
}
