package dev.drrunbooks.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One CloudWatch metric over a time range, as GetMetricStatistics asks for it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html).
 *
 * @param region the region the metric is published in
 * @param namespace e.g. {@code AWS/S3}
 * @param metricName e.g. {@code ReplicationLatency}
 * @param dimensions every dimension of the metric, name to value (CloudWatch matches a metric by
 *     its exact set of dimensions); kept sorted by name, so the same query is the same payload
 * @param start the range's start, inclusive
 * @param end the range's end, exclusive
 * @param period one datapoint per period: a multiple of 60 seconds
 */
public record MetricQuery(
    String region,
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    Instant start,
    Instant end,
    Duration period) {

  public MetricQuery {
    dimensions =
        dimensions == null
            ? Collections.emptySortedMap()
            : Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
  }

  /** "AWS/S3 ReplicationLatency (DestinationBucket=b, RuleId=r) in eu-central-1", for messages. */
  public String describe() {
    StringBuilder dims = new StringBuilder();
    dimensions.forEach(
        (name, value) -> dims.append(dims.isEmpty() ? "" : ", ").append(name + "=" + value));
    return namespace + " " + metricName + " (" + dims + ") in " + region;
  }
}
