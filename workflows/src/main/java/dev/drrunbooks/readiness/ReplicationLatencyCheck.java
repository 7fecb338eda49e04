package dev.drrunbooks.readiness;

import dev.drrunbooks.backuppolicy.ReplicationRuleState;
import dev.drrunbooks.backuppolicy.S3Activities;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.ReplicationSpec;
import dev.drrunbooks.failover.CloudWatchActivities;
import dev.drrunbooks.failover.MetricMaximum;
import dev.drrunbooks.failover.MetricQuery;
import dev.drrunbooks.model.Failures;
import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whether a bucket replicates to its DR replica, and how far behind the replica is against the
 * service's RPO. The rule is read as the backup policy reads it ({@link
 * S3Activities#replicationRule}); the policy audit compares it whole, this check only needs it
 * enabled and publishing metrics. S3 publishes the rule's {@value #METRIC} ("the maximum number of
 * seconds by which the replication destination bucket is behind the source bucket") to CloudWatch,
 * namespace {@value #NAMESPACE}, dimensions SourceBucket, DestinationBucket and RuleId, in the
 * destination bucket's region, only when the rule has S3 Replication Time Control or replication
 * metrics enabled, from 15 minutes after they are, and only while objects replicate
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html). The check takes
 * the Maximum statistic over the last {@link #WINDOW}; without a datapoint it is unknown, never
 * passing.
 */
final class ReplicationLatencyCheck {
  static final String NAMESPACE = "AWS/S3";
  static final String METRIC = "ReplicationLatency";

  /** How far back the check looks for the latency. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** S3 publishes replication metrics every minute. */
  static final Duration PERIOD = Duration.ofMinutes(1);

  private final S3Activities s3;
  private final CloudWatchActivities cloudWatch;

  ReplicationLatencyCheck(S3Activities s3, CloudWatchActivities cloudWatch) {
    this.s3 = s3;
    this.cloudWatch = cloudWatch;
  }

  /** The check's name for a bucket. */
  static String name(BucketSpec bucket) {
    return "S3 replication of " + bucket.name();
  }

  /**
   * @param bucket a bucket with a replication spec
   * @param rpo the service's RPO; null passes any latency
   * @param now the evaluation's time: the window ends there
   */
  ReplicationLag check(String service, BucketSpec bucket, Duration rpo, Instant now) {
    ReplicationSpec spec = bucket.replication();
    String name = name(bucket);
    String expected =
        "enabled to "
            + spec.destinationBucket()
            + ", replication latency under RPO "
            + Ages.of(rpo);
    ReplicationRuleState rule;
    MetricMaximum latency;
    try {
      rule = s3.replicationRule(bucket.region(), bucket.name(), spec.ruleId());
      if (rule == null || !rule.enabled()) {
        String found =
            rule == null
                ? "no replication rule " + spec.ruleId()
                : "rule " + spec.ruleId() + " is " + rule.status();
        return ReplicationLag.notReplicated(
            bucket.name(), ReadinessCheck.of(service, name, expected, found, false));
      }
      if (!rule.metricsEnabled())
        return ReplicationLag.unmeasured(
            bucket.name(),
            ReadinessCheck.unknown(service, name, expected, metricsOff(service, spec)));
      latency = cloudWatch.metricMaximum(query(bucket, now));
    } catch (ActivityFailure e) {
      return ReplicationLag.unmeasured(
          bucket.name(), ReadinessCheck.unknown(service, name, expected, Failures.rootMessage(e)));
    }
    if (latency.maximum() == null)
      return ReplicationLag.unmeasured(
          bucket.name(), ReadinessCheck.unknown(service, name, expected, noDatapoint(spec)));
    Duration behind = Duration.ofMillis(Math.round(latency.maximum() * 1000));
    return ReplicationLag.measured(
        bucket.name(),
        ReadinessCheck.of(
            service,
            name,
            expected,
            "at most " + Ages.of(behind) + " behind over the last " + Ages.of(WINDOW),
            rpo == null || behind.compareTo(rpo) <= 0),
        behind);
  }

  /** The rule's latency in the destination's region, the Maximum over the window. */
  static MetricQuery query(BucketSpec bucket, Instant now) {
    ReplicationSpec spec = bucket.replication();
    return new MetricQuery(
        spec.destinationRegion(),
        NAMESPACE,
        METRIC,
        Map.of(
            "SourceBucket",
            bucket.name(),
            "DestinationBucket",
            spec.destinationBucket(),
            "RuleId",
            spec.ruleId()),
        now.minus(WINDOW),
        now,
        PERIOD);
  }

  private static String metricsOff(String service, ReplicationSpec spec) {
    return "no "
        + METRIC
        + " metric: rule "
        + spec.ruleId()
        + " has neither S3 Replication Time Control nor replication metrics enabled; enable them"
        + " on the rule (dr backup-policy --service "
        + service
        + " --apply writes it with both)";
  }

  private static String noDatapoint(ReplicationSpec spec) {
    return "no "
        + METRIC
        + " datapoint in the last "
        + Ages.of(WINDOW)
        + " in "
        + spec.destinationRegion()
        + ": S3 publishes it only while objects replicate, from 15 minutes after the rule's"
        + " metrics are enabled";
  }
}
