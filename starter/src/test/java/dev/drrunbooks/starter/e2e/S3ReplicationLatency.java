package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.aws.AwsClients;
import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * What S3 publishes while a bucket replicates, which moto does not (it neither replicates nor
 * publishes replication metrics): one datapoint of the runbook rule's {@code ReplicationLatency},
 * namespace AWS/S3, dimensions SourceBucket, DestinationBucket (the catalog's {@code <bucket>-dr})
 * and RuleId, in the replica's region
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html).
 */
final class S3ReplicationLatency {
  static final String REPLICA_REGION = "eu-central-1";

  private S3ReplicationLatency() {}

  /** Publishes, timestamped now, that the bucket's replica is {@code seconds} behind. */
  static void publish(AwsClients aws, String sourceBucket, double seconds) {
    aws.cloudWatch(REPLICA_REGION)
        .putMetricData(
            r ->
                r.namespace("AWS/S3")
                    .metricData(
                        m ->
                            m.metricName("ReplicationLatency")
                                .dimensions(
                                    d -> d.name("SourceBucket").value(sourceBucket),
                                    d -> d.name("DestinationBucket").value(sourceBucket + "-dr"),
                                    d -> d.name("RuleId").value("ReplicateAll"))
                                .timestamp(Instant.now())
                                .value(seconds)
                                .unit(StandardUnit.SECONDS)));
  }
}
