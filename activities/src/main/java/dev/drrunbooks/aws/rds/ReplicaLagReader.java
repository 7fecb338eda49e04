package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.aws.AwsFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * A replica's lag metric in CloudWatch (AWS/RDS, one datapoint a minute) with GetMetricStatistics'
 * Maximum per minute: the newest minute's worst lag, not the window's, in seconds. Two metrics:
 *
 * <ul>
 *   <li>{@link LagMetric#REPLICA_LAG}: a read replica's ReplicaLag, dimension DBInstanceIdentifier,
 *       seconds
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html);
 *   <li>{@link LagMetric#AURORA_GLOBAL_DB_REPLICATION_LAG}: an Aurora global database secondary's
 *       AuroraGlobalDBReplicationLag, dimension DBClusterIdentifier, milliseconds
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-monitoring.html).
 * </ul>
 */
final class ReplicaLagReader {
  static final Duration PERIOD = Duration.ofMinutes(1);

  /**
   * A lag metric: its name, the dimension that names the replica, and how many of its units make a
   * second.
   */
  record LagMetric(String name, String dimension, double unitsPerSecond) {
    static final LagMetric REPLICA_LAG = new LagMetric("ReplicaLag", "DBInstanceIdentifier", 1);
    static final LagMetric AURORA_GLOBAL_DB_REPLICATION_LAG =
        new LagMetric("AuroraGlobalDBReplicationLag", "DBClusterIdentifier", 1000);
  }

  private final Function<String, CloudWatchClient> cloudWatch;
  private final Clock clock;
  private final LagMetric metric;

  /** A read replica's ReplicaLag. */
  ReplicaLagReader(Function<String, CloudWatchClient> cloudWatch, Clock clock) {
    this(cloudWatch, clock, LagMetric.REPLICA_LAG);
  }

  ReplicaLagReader(Function<String, CloudWatchClient> cloudWatch, Clock clock, LagMetric metric) {
    this.cloudWatch = cloudWatch;
    this.clock = clock;
    this.metric = metric;
  }

  /**
   * @param replicaId the dimension's value: the instance (ReplicaLag) or cluster identifier
   */
  ReplicaLag newest(String region, String replicaId, Duration window) {
    Instant end = clock.instant();
    Instant start = end.minus(window);
    String call =
        "get-metric-statistics AWS/RDS " + metric.name() + " " + replicaId + " in " + region;
    List<Datapoint> points;
    try {
      points =
          cloudWatch
              .apply(region)
              .getMetricStatistics(
                  r ->
                      r.namespace("AWS/RDS")
                          .metricName(metric.name())
                          .dimensions(
                              Dimension.builder().name(metric.dimension()).value(replicaId).build())
                          .startTime(start)
                          .endTime(end)
                          .period((int) PERIOD.toSeconds())
                          .statistics(Statistic.MAXIMUM))
              .datapoints()
              .stream()
              .filter(d -> d.maximum() != null && d.timestamp() != null)
              .toList();
    } catch (SdkException e) {
      throw AwsFailures.translate(e, call);
    }
    return points.stream()
        .max(Comparator.comparing(Datapoint::timestamp))
        .map(
            d ->
                new ReplicaLag(d.maximum() / metric.unitsPerSecond(), d.timestamp(), points.size()))
        .orElse(ReplicaLag.noData());
  }
}
