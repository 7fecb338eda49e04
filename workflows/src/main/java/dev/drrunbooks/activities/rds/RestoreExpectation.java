package dev.drrunbooks.activities.rds;

import dev.drrunbooks.readiness.StepEstimate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a DB instance restore is expected to take, from the restore call until the instance is
 * available: the window its end most likely falls in ({@code early} .. {@code late}) and its
 * median. {@link RestorePollCadence} polls densely across that window.
 *
 * @param early the 10th percentile (nearest rank) of the measured durations, or a default's
 * @param median the 50th percentile
 * @param late the 90th percentile
 * @param samples how many measured durations it comes from; 0 for a default
 * @param basis for logs: whose durations, e.g. "ledger: 12 RDS restores" or "default for
 *     db.r6g.large (no evidence)"
 */
public record RestoreExpectation(
    Duration early, Duration median, Duration late, int samples, String basis) {

  public RestoreExpectation {
    if (early == null || median == null || late == null)
      throw new IllegalArgumentException("early, median and late are required");
    if (early.isNegative() || early.compareTo(median) > 0 || median.compareTo(late) > 0)
      throw new IllegalArgumentException(
          "expected 0 <= early <= median <= late, was " + early + ", " + median + ", " + late);
  }

  /** Whether it comes from enough measurements ({@link StepEstimate#MIN_SAMPLES}) to trust. */
  public boolean measured() {
    return samples >= StepEstimate.MIN_SAMPLES;
  }

  /**
   * p10, p50 and p90 of {@code took}; empty with fewer than {@link StepEstimate#MIN_SAMPLES}
   * durations (then a percentile would be one slow or fast run).
   */
  public static Optional<RestoreExpectation> fromSamples(List<Duration> took, String basis) {
    if (took.size() < StepEstimate.MIN_SAMPLES) return Optional.empty();
    List<Duration> sorted = took.stream().sorted().toList();
    return Optional.of(
        new RestoreExpectation(
            StepEstimate.nearestRank(sorted, 0.1),
            StepEstimate.nearestRank(sorted, 0.5),
            StepEstimate.nearestRank(sorted, 0.9),
            took.size(),
            basis));
  }

  /**
   * An unmeasured expectation around {@code median}: early = median x {@code earlyFactor}, late =
   * median x {@code lateFactor}.
   */
  public static RestoreExpectation around(
      Duration median, double earlyFactor, double lateFactor, String basis) {
    return new RestoreExpectation(
        Duration.ofMillis(Math.round(median.toMillis() * earlyFactor)),
        median,
        Duration.ofMillis(Math.round(median.toMillis() * lateFactor)),
        0,
        basis);
  }
}
