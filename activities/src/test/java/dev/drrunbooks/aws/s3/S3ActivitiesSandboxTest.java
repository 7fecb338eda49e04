package dev.drrunbooks.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.backuppolicy.ReplicationRuleState;
import dev.drrunbooks.catalog.ReplicationSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ReplicationRule;

/**
 * S3 versioning and replication written through the AWS SDK over HTTP to the emulator and read
 * back.
 */
class S3ActivitiesSandboxTest {
  private static final String SOURCE_REGION = "eu-west-1";
  private static final String DR_REGION = "eu-central-1";
  private static final String ROLE = "arn:aws:iam::123456789012:role/replication-role";

  private AwsClients aws;
  private S3ActivitiesImpl activities;
  private String source;
  private String replica;

  @BeforeEach
  void createBuckets() {
    aws = SandboxAws.clients();
    activities = new S3ActivitiesImpl(aws);
    source = SandboxAws.uniqueName("dr-test-src");
    replica = source + "-dr";
    aws.s3(SOURCE_REGION)
        .createBucket(
            r ->
                r.bucket(source)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
    aws.s3(DR_REGION)
        .createBucket(
            r ->
                r.bucket(replica)
                    .createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.EU_CENTRAL_1)));
  }

  @AfterEach
  void deleteBuckets() {
    S3Client s3 = aws.s3(SOURCE_REGION);
    s3.deleteBucketReplication(r -> r.bucket(source));
    s3.deleteBucket(r -> r.bucket(source));
    aws.s3(DR_REGION).deleteBucket(r -> r.bucket(replica));
    aws.close();
  }

  @Test
  void versioningGoesFromOffToEnabled() {
    assertEquals("Off", activities.versioningStatus(SOURCE_REGION, source));
    activities.enableVersioning(SOURCE_REGION, source);
    assertEquals("Enabled", activities.versioningStatus(SOURCE_REGION, source));
    activities.enableVersioning(SOURCE_REGION, source);
    assertEquals("Enabled", activities.versioningStatus(SOURCE_REGION, source));
  }

  @Test
  void theRunbooksReplicationRuleIsWrittenAndReadBack() {
    activities.enableVersioning(SOURCE_REGION, source);
    activities.enableVersioning(DR_REGION, replica);
    assertNull(activities.replicationRule(SOURCE_REGION, source, "ReplicateAll"));

    activities.putReplicationRule(SOURCE_REGION, source, spec());

    ReplicationRuleState rule = activities.replicationRule(SOURCE_REGION, source, "ReplicateAll");
    assertEquals(
        new ReplicationRuleState(
            "ReplicateAll",
            "Enabled",
            ROLE,
            "arn:aws:s3:::" + replica,
            "STANDARD_IA",
            15,
            1,
            "whole bucket",
            "Disabled",
            "Enabled"),
        rule);
  }

  @Test
  void replacingOurRuleKeepsTheBucketsOtherRules() {
    activities.enableVersioning(SOURCE_REGION, source);
    activities.enableVersioning(DR_REGION, replica);
    ReplicationRule other =
        S3ActivitiesImpl.ruleFor(
            new ReplicationSpec(
                "KeepMe", ROLE, replica, DR_REGION, Duration.ofMinutes(15), "STANDARD"),
            7);
    aws.s3(SOURCE_REGION)
        .putBucketReplication(
            r -> r.bucket(source).replicationConfiguration(c -> c.role(ROLE).rules(other)));

    activities.putReplicationRule(SOURCE_REGION, source, spec());
    activities.putReplicationRule(SOURCE_REGION, source, spec());

    List<String> ids =
        aws
            .s3(SOURCE_REGION)
            .getBucketReplication(r -> r.bucket(source))
            .replicationConfiguration()
            .rules()
            .stream()
            .map(ReplicationRule::id)
            .sorted()
            .toList();
    assertEquals(List.of("KeepMe", "ReplicateAll"), ids);
    assertEquals(
        "STANDARD", activities.replicationRule(SOURCE_REGION, source, "KeepMe").storageClass());
  }

  @Test
  void aMissingBucketIsANonRetryableFailureNamingIt() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.versioningStatus(SOURCE_REGION, "dr-test-no-such-bucket"));
    assertTrue(e.isNonRetryable());
    assertTrue(
        e.getOriginalMessage()
            .startsWith(
                "get-bucket-versioning dr-test-no-such-bucket in eu-west-1 failed: NoSuchBucket"),
        e.getOriginalMessage());
  }

  private ReplicationSpec spec() {
    return new ReplicationSpec(
        "ReplicateAll", ROLE, replica, DR_REGION, Duration.ofMinutes(15), "STANDARD_IA");
  }
}
