package dev.drrunbooks.sandbox.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Nearest-rank percentiles of durations (the value at rank ceil(p/100 x n) of the sorted list). */
final class Percentiles {
  private Percentiles() {}

  /**
   * @param p 0 (exclusive) to 100
   * @return null when there are no values (nulls are skipped)
   */
  static Duration of(Collection<Duration> values, double p) {
    List<Duration> sorted = new ArrayList<>(values.stream().filter(Objects::nonNull).toList());
    if (sorted.isEmpty()) return null;
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
  }

  /** Seconds with one decimal, {@code -} for none. */
  static String seconds(Duration d) {
    return d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
