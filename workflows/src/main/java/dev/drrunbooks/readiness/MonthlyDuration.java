package dev.drrunbooks.readiness;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One month of a step's measured durations: the trend of, say, a service's restores over a year.
 *
 * @param month {@code 2026-11} (UTC)
 * @param median the month's median (nearest rank)
 * @param samples how many were measured that month
 */
public record MonthlyDuration(String month, Duration median, int samples) {
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  /** The months of {@code samples} of {@code kind} for {@code service}, oldest first. */
  static List<MonthlyDuration> trend(List<StepSample> samples, StepKind kind, String service) {
    Map<String, List<Duration>> byMonth = new TreeMap<>();
    for (StepSample s : samples)
      if (s.kind() == kind && service.equals(s.service()))
        byMonth.computeIfAbsent(MONTH.format(s.endedAt()), m -> new ArrayList<>()).add(s.took());
    List<MonthlyDuration> trend = new ArrayList<>();
    byMonth.forEach(
        (month, took) -> {
          List<Duration> sorted = took.stream().sorted().toList();
          trend.add(
              new MonthlyDuration(month, StepEstimate.nearestRank(sorted, 0.5), sorted.size()));
        });
    return trend;
  }
}
