package dev.drrunbooks.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a region loss would lose now: the worst of the DR region's newest database recovery point
 * age and each bucket's replication latency. Unbounded (null) when something has no copy there at
 * all. A latency that could not be measured counts for nothing here: its check is unknown, which
 * already keeps the service from ready.
 */
final class PredictedRpo {
  private PredictedRpo() {}

  /**
   * @param hasDatabase whether the service has a database
   * @param databaseAge the age of the DR region's newest recovery point; null when there is none
   * @param buckets the service's replicated buckets
   * @return the worst age; null when the database or a bucket has no DR copy, or nothing was
   *     measured
   */
  static Duration worst(boolean hasDatabase, Duration databaseAge, List<ReplicationLag> buckets) {
    if (hasDatabase && databaseAge == null) return null;
    if (buckets.stream().anyMatch(b -> !b.replicates())) return null;
    return Stream.concat(Stream.of(databaseAge), buckets.stream().map(ReplicationLag::latency))
        .filter(Objects::nonNull)
        .max(Duration::compareTo)
        .orElse(null);
  }
}
