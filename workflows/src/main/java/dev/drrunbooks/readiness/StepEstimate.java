package dev.drrunbooks.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the ledger's samples say one kind of step takes: p50 and p90 with the number of samples and
 * the dates they span, or "insufficient evidence" (null percentiles) when there are fewer than
 * {@link #MIN_SAMPLES}.
 *
 * @param basis whose samples: the service's own, or {@link #FLEET} when it had too few of its own
 * @param p50 the median duration (nearest rank); null when insufficient
 * @param p90 the 90th percentile (nearest rank); null when insufficient
 * @param samples how many samples it is computed from
 * @param from the oldest sample's date; null without samples
 * @param to the newest sample's date; null without samples
 */
public record StepEstimate(
    StepKind kind,
    String basis,
    Duration p50,
    Duration p90,
    int samples,
    Instant from,
    Instant to) {

  /**
   * Fewer samples than this make no percentile: with nearest rank, a p90 of four samples would be
   * their maximum, one slow or fast run.
   */
  public static final int MIN_SAMPLES = 5;

  /** The basis of an estimate from every service's samples of the kind. */
  public static final String FLEET = "all services";

  /** Whether there was enough evidence for a number. */
  public boolean sufficient() {
    return p90 != null;
  }

  /**
   * From {@code samples}, all of {@code kind}; insufficient when fewer than {@link #MIN_SAMPLES}.
   */
  public static StepEstimate of(StepKind kind, String basis, List<StepSample> samples) {
    Instant from =
        samples.stream().map(StepSample::endedAt).min(Comparator.naturalOrder()).orElse(null);
    Instant to =
        samples.stream().map(StepSample::endedAt).max(Comparator.naturalOrder()).orElse(null);
    if (samples.size() < MIN_SAMPLES)
      return new StepEstimate(kind, basis, null, null, samples.size(), from, to);
    List<Duration> sorted = samples.stream().map(StepSample::took).sorted().toList();
    return new StepEstimate(
        kind, basis, nearestRank(sorted, 0.5), nearestRank(sorted, 0.9), samples.size(), from, to);
  }

  /**
   * The nearest-rank percentile of sorted values: the smallest value with at least {@code q} of the
   * values at or below it (rank ceil(q * n), 1-based).
   */
  public static Duration nearestRank(List<Duration> sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
