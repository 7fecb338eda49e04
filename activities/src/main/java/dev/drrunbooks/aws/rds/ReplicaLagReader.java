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
 * A read replica's CloudWatch ReplicaLag (AWS/RDS, DBInstanceIdentifier, seconds, one datapoint a
 * minute: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html),
 * with GetMetricStatistics' Maximum per minute: the newest minute's worst lag, not the window's.
 */
final class ReplicaLagReader {
  static final Duration PERIOD = Duration.ofMinutes(1);

  private final Function<String, CloudWatchClient> cloudWatch;
  private final Clock clock;

  ReplicaLagReader(Function<String, CloudWatchClient> cloudWatch, Clock clock) {
    this.cloudWatch = cloudWatch;
    this.clock = clock;
  }

  ReplicaLag newest(String region, String instanceId, Duration window) {
    Instant end = clock.instant();
    Instant start = end.minus(window);
    String call = "get-metric-statistics AWS/RDS ReplicaLag " + instanceId + " in " + region;
    List<Datapoint> points;
    try {
      points =
          cloudWatch
              .apply(region)
              .getMetricStatistics(
                  r ->
                      r.namespace("AWS/RDS")
                          .metricName("ReplicaLag")
                          .dimensions(
                              Dimension.builder()
                                  .name("DBInstanceIdentifier")
                                  .value(instanceId)
                                  .build())
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
        .map(d -> new ReplicaLag(d.maximum(), d.timestamp(), points.size()))
        .orElse(ReplicaLag.noData());
  }
}
