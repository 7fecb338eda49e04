package dev.drrunbooks.aws.s3;

import dev.drrunbooks.activities.s3.ReplicationRuleState;
import dev.drrunbooks.activities.s3.S3Activities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.catalog.ReplicationSpec;
import java.util.ArrayList;
import java.util.List;
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

public class S3ActivitiesImpl implements S3Activities {
  private static final String NO_REPLICATION = "ReplicationConfigurationNotFoundError";

  private final AwsClients aws;

  public S3ActivitiesImpl(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public String versioningStatus(String region, String bucket) {
    try {
      String status = aws.s3(region).getBucketVersioning(r -> r.bucket(bucket)).statusAsString();
      return status == null || status.isEmpty() ? "Off" : status;
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "get-bucket-versioning " + bucket + " in " + region);
    }
  }

  @Override
  public void enableVersioning(String region, String bucket) {
    try {
      aws.s3(region).putBucketVersioning(r -> r.bucket(bucket)
          .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "put-bucket-versioning " + bucket + " in " + region);
    }
  }

  @Override
  public ReplicationRuleState replicationRule(String region, String bucket, String ruleId) {
    ReplicationConfiguration config = currentConfiguration(aws.s3(region), region, bucket);
    if (config == null) return null;
    return config.rules().stream()
        .filter(rule -> ruleId.equals(rule.id()))
        .findFirst()
        .map(rule -> toState(config.role(), rule))
        .orElse(null);
  }

  @Override
  public void putReplicationRule(String region, String bucket, ReplicationSpec spec) {
    S3Client s3 = aws.s3(region);
    ReplicationConfiguration current = currentConfiguration(s3, region, bucket);
    List<ReplicationRule> rules = new ArrayList<>();
    int priority = 1;
    if (current != null) {
      for (ReplicationRule other : current.rules()) {
        if (spec.ruleId().equals(other.id())) {
          priority = other.priority() == null ? priority : other.priority();
        } else {
          rules.add(other);
        }
      }
      if (!rules.isEmpty() && priority == 1) {
        priority = rules.stream().mapToInt(r -> r.priority() == null ? 0 : r.priority()).max().orElse(0) + 1;
      }
    }
    rules.add(ruleFor(spec, priority));
    try {
      s3.putBucketReplication(r -> r.bucket(bucket)
          .replicationConfiguration(c -> c.role(spec.role()).rules(rules)));
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "put-bucket-replication " + bucket + " in " + region);
    }
  }

  /** The runbook's replication.json rule; RTC needs replication metrics on, with the same 15-minute threshold. */
  static ReplicationRule ruleFor(ReplicationSpec spec, int priority) {
    int minutes = (int) spec.replicationTime().toMinutes();
    return ReplicationRule.builder()
        .id(spec.ruleId())
        .priority(priority)
        .status(ReplicationRuleStatus.ENABLED)
        .filter(ReplicationRuleFilter.builder().prefix("").build())
        .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
        .destination(Destination.builder()
            .bucket(spec.destinationBucketArn())
            .storageClass(spec.storageClass())
            .replicationTime(ReplicationTime.builder().status(ReplicationTimeStatus.ENABLED)
                .time(ReplicationTimeValue.builder().minutes(minutes).build()).build())
            .metrics(Metrics.builder().status(MetricsStatus.ENABLED)
                .eventThreshold(ReplicationTimeValue.builder().minutes(minutes).build()).build())
            .build())
        .build();
  }

  private static ReplicationConfiguration currentConfiguration(S3Client s3, String region, String bucket) {
    try {
      return s3.getBucketReplication(r -> r.bucket(bucket)).replicationConfiguration();
    } catch (SdkException e) {
      if (AwsFailures.isNotFound(e, NO_REPLICATION)) return null;
      throw AwsFailures.translate(e, "get-bucket-replication " + bucket + " in " + region);
    }
  }

  private static ReplicationRuleState toState(String role, ReplicationRule rule) {
    Destination d = rule.destination();
    Integer minutes = d.replicationTime() != null
        && d.replicationTime().status() == ReplicationTimeStatus.ENABLED && d.replicationTime().time() != null
        ? d.replicationTime().time().minutes() : null;
    return new ReplicationRuleState(rule.id(), rule.statusAsString(), role, d.bucket(),
        d.storageClassAsString(), minutes);
  }
}
