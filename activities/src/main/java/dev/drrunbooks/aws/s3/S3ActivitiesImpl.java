package dev.drrunbooks.aws.s3;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.backuppolicy.ReplicationRuleState;
import dev.drrunbooks.backuppolicy.S3Activities;
import dev.drrunbooks.catalog.ReplicationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.Destination;
import software.amazon.awssdk.services.s3.model.Metrics;
import software.amazon.awssdk.services.s3.model.MetricsStatus;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleFilter;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.ReplicationTime;
import software.amazon.awssdk.services.s3.model.ReplicationTimeStatus;
import software.amazon.awssdk.services.s3.model.ReplicationTimeValue;

/**
 * Versioning and the runbook's replication rule. The rule is read and written whole (filter,
 * priority, delete-marker replication, destination, storage class, replication time, role), as the
 * S3 API reference describes a replication configuration:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html.
 */
public class S3ActivitiesImpl implements S3Activities {
  private static final String NO_REPLICATION = "ReplicationConfigurationNotFoundError";

  private final Function<String, S3Client> s3;

  public S3ActivitiesImpl(AwsClients aws) {
    this(aws::s3);
  }

  /**
   * @param s3 the S3 client of a region (tests pass a scripted one)
   */
  public S3ActivitiesImpl(Function<String, S3Client> s3) {
    this.s3 = s3;
  }

  @Override
  public String versioningStatus(String region, String bucket) {
    try {
      String status = s3.apply(region).getBucketVersioning(r -> r.bucket(bucket)).statusAsString();
      return status == null || status.isEmpty() ? "Off" : status;
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "get-bucket-versioning " + bucket + " in " + region);
    }
  }

  @Override
  public void enableVersioning(String region, String bucket) {
    try {
      s3.apply(region)
          .putBucketVersioning(
              r ->
                  r.bucket(bucket)
                      .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "put-bucket-versioning " + bucket + " in " + region);
    }
  }

  @Override
  public ReplicationRuleState replicationRule(String region, String bucket, String ruleId) {
    ReplicationConfiguration config = currentConfiguration(s3.apply(region), region, bucket);
    if (config == null) return null;
    return config.rules().stream()
        .filter(rule -> ruleId.equals(rule.id()))
        .findFirst()
        .map(rule -> toState(config.role(), rule))
        .orElse(null);
  }

  @Override
  public void putReplicationRule(String region, String bucket, ReplicationSpec spec) {
    S3Client client = s3.apply(region);
    ReplicationConfiguration current = currentConfiguration(client, region, bucket);
    List<ReplicationRule> rules = new ArrayList<>();
    if (current != null) {
      current.rules().stream()
          .filter(other -> !spec.ruleId().equals(other.id()))
          .forEach(rules::add);
    }
    rules.add(ruleFor(spec, spec.priorityOrDefault()));
    try {
      client.putBucketReplication(
          r -> r.bucket(bucket).replicationConfiguration(c -> c.role(spec.role()).rules(rules)));
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "put-bucket-replication " + bucket + " in " + region);
    }
  }

  /**
   * The runbook's replication.json rule; RTC needs replication metrics on, with the same 15-minute
   * threshold.
   */
  static ReplicationRule ruleFor(ReplicationSpec spec, int priority) {
    int minutes = (int) spec.replicationTime().toMinutes();
    return ReplicationRule.builder()
        .id(spec.ruleId())
        .priority(priority)
        .status(ReplicationRuleStatus.ENABLED)
        .filter(ReplicationRuleFilter.builder().prefix(spec.prefixOrWholeBucket()).build())
        .deleteMarkerReplication(
            d ->
                d.status(
                    spec.replicatesDeleteMarkers()
                        ? DeleteMarkerReplicationStatus.ENABLED
                        : DeleteMarkerReplicationStatus.DISABLED))
        .destination(
            Destination.builder()
                .bucket(spec.destinationBucketArn())
                .storageClass(spec.storageClass())
                .replicationTime(
                    ReplicationTime.builder()
                        .status(ReplicationTimeStatus.ENABLED)
                        .time(ReplicationTimeValue.builder().minutes(minutes).build())
                        .build())
                .metrics(
                    Metrics.builder()
                        .status(MetricsStatus.ENABLED)
                        .eventThreshold(ReplicationTimeValue.builder().minutes(minutes).build())
                        .build())
                .build())
        .build();
  }

  private static ReplicationConfiguration currentConfiguration(
      S3Client s3, String region, String bucket) {
    try {
      return s3.getBucketReplication(r -> r.bucket(bucket)).replicationConfiguration();
    } catch (SdkException e) {
      if (AwsFailures.isNotFound(e, NO_REPLICATION)) return null;
      throw AwsFailures.translate(e, "get-bucket-replication " + bucket + " in " + region);
    }
  }

  private static ReplicationRuleState toState(String role, ReplicationRule rule) {
    Destination d = rule.destination();
    Integer minutes =
        d.replicationTime() != null
                && d.replicationTime().status() == ReplicationTimeStatus.ENABLED
                && d.replicationTime().time() != null
            ? d.replicationTime().time().minutes()
            : null;
    String deleteMarkers =
        rule.deleteMarkerReplication() == null || rule.deleteMarkerReplication().status() == null
            ? "Disabled"
            : rule.deleteMarkerReplication().statusAsString();
    return new ReplicationRuleState(
        rule.id(),
        rule.statusAsString(),
        role,
        d.bucket(),
        d.storageClassAsString(),
        minutes,
        rule.priority(),
        filterOf(rule),
        deleteMarkers,
        d.metrics() != null && d.metrics().status() == MetricsStatus.ENABLED
            ? ReplicationRuleState.ENABLED
            : "Disabled");
  }

  /** What the rule covers; the V1 schema's rule-level Prefix counts as a prefix filter. */
  static String filterOf(ReplicationRule rule) {
    ReplicationRuleFilter f = rule.filter();
    if (f == null) return ReplicationRuleState.prefixFilter(rule.prefix());
    if (f.tag() != null) return "tag " + f.tag().key() + "=" + f.tag().value();
    if (f.and() != null) {
      String tags =
          f.and().tags().stream()
              .map(t -> t.key() + "=" + t.value())
              .collect(Collectors.joining(", "));
      return ReplicationRuleState.prefixFilter(f.and().prefix()) + " and tags " + tags;
    }
    return ReplicationRuleState.prefixFilter(f.prefix());
  }
}
