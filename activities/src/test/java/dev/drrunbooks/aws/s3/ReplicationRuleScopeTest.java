package dev.drrunbooks.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drrunbooks.backuppolicy.ReplicationRuleState;
import dev.drrunbooks.catalog.ReplicationSpec;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.PutBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.PutBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleAndOperator;
import software.amazon.awssdk.services.s3.model.ReplicationRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The scope of a replication rule (its filter and delete-marker replication) read and written
 * against a scripted S3 that keeps the configuration as sent: moto 5.2.5 answers
 * GetBucketReplication with {@code Filter: {Prefix: ""}} and {@code DeleteMarkerReplication:
 * Disabled} whatever was put, so a rule that covers only {@code tmp/} would look like the whole
 * bucket there. Models the S3 API reference: PutBucketReplication / ReplicationRule and
 * ReplicationRuleFilter (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRule.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRuleFilter.html): a rule's filter
 * is a Prefix, a Tag, or an And of both; the V1 schema's rule-level Prefix has no filter.
 */
class ReplicationRuleScopeTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/replication-role";
  private static final String REGION = "eu-west-1";
  private static final String BUCKET = "mycomputer-assets";

  /** One bucket's replication configuration, as S3 keeps it. */
  private static final class ScriptedS3 {
    ReplicationConfiguration config;
    final List<PutBucketReplicationRequest> puts = new ArrayList<>();

    S3Client client(String region) {
      return (S3Client)
          Proxy.newProxyInstance(
              S3Client.class.getClassLoader(),
              new Class<?>[] {S3Client.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getBucketReplication" -> {
                      if (config == null) {
                        throw S3Exception.builder()
                            .statusCode(404)
                            .awsErrorDetails(
                                AwsErrorDetails.builder()
                                    .errorCode("ReplicationConfigurationNotFoundError")
                                    .build())
                            .build();
                      }
                      if (args[0] instanceof Consumer<?> c) {
                        @SuppressWarnings("unchecked")
                        Consumer<GetBucketReplicationRequest.Builder> b =
                            (Consumer<GetBucketReplicationRequest.Builder>) c;
                        b.accept(GetBucketReplicationRequest.builder());
                      }
                      yield GetBucketReplicationResponse.builder()
                          .replicationConfiguration(config)
                          .build();
                    }
                    case "putBucketReplication" -> {
                      @SuppressWarnings("unchecked")
                      Consumer<PutBucketReplicationRequest.Builder> c =
                          (Consumer<PutBucketReplicationRequest.Builder>) args[0];
                      PutBucketReplicationRequest.Builder b = PutBucketReplicationRequest.builder();
                      c.accept(b);
                      PutBucketReplicationRequest r = b.build();
                      puts.add(r);
                      config = r.replicationConfiguration();
                      yield PutBucketReplicationResponse.builder().build();
                    }
                    case "close" -> null;
                    case "serviceName" -> "s3";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }

    S3ActivitiesImpl activities() {
      return new S3ActivitiesImpl(this::client);
    }

    void has(ReplicationRule rule) {
      config = ReplicationConfiguration.builder().role(ROLE).rules(rule).build();
    }
  }

  private static ReplicationSpec catalogRule(
      String prefix, Integer priority, Boolean deleteMarkers) {
    return new ReplicationSpec(
        "ReplicateAll",
        ROLE,
        "mycomputer-assets-dr",
        "eu-central-1",
        Duration.ofMinutes(15),
        "STANDARD_IA",
        prefix,
        priority,
        deleteMarkers);
  }

  @Test
  void aRuleNamedReplicateAllThatCoversOnlyTmpReadsAsThatPrefix() {
    ScriptedS3 s3 = new ScriptedS3();
    s3.has(S3ActivitiesImpl.ruleFor(catalogRule("tmp/", null, null), 1));

    ReplicationRuleState state = s3.activities().replicationRule(REGION, BUCKET, "ReplicateAll");

    assertEquals("prefix 'tmp/'", state.filter());
    assertEquals(
        "Enabled, priority 1, prefix 'tmp/', delete markers Disabled, to mycomputer-assets-dr,"
            + " STANDARD_IA, RTC 15m, role replication-role",
        state.describe());
  }

  @Test
  void deleteMarkerReplicationIsReadAsS3ReportsIt() {
    ScriptedS3 s3 = new ScriptedS3();
    s3.has(S3ActivitiesImpl.ruleFor(catalogRule(null, null, true), 1));

    assertEquals(
        "Enabled",
        s3.activities().replicationRule(REGION, BUCKET, "ReplicateAll").deleteMarkerReplication());
  }

  @Test
  void aRuleWithoutDeleteMarkerReplicationReadsAsDisabled() {
    ScriptedS3 s3 = new ScriptedS3();
    s3.has(
        S3ActivitiesImpl.ruleFor(catalogRule(null, null, null), 1).toBuilder()
            .deleteMarkerReplication(
                (software.amazon.awssdk.services.s3.model.DeleteMarkerReplication) null)
            .build());

    assertEquals(
        "Disabled",
        s3.activities().replicationRule(REGION, BUCKET, "ReplicateAll").deleteMarkerReplication());
  }

  @Test
  void tagAndCombinedFiltersAreNamed() {
    ReplicationRule base = S3ActivitiesImpl.ruleFor(catalogRule(null, null, null), 1);
    assertEquals(
        "tag class=tmp",
        S3ActivitiesImpl.filterOf(
            base.toBuilder()
                .filter(
                    ReplicationRuleFilter.builder()
                        .tag(Tag.builder().key("class").value("tmp").build())
                        .build())
                .build()));
    assertEquals(
        "prefix 'logs/' and tags a=1, b=2",
        S3ActivitiesImpl.filterOf(
            base.toBuilder()
                .filter(
                    ReplicationRuleFilter.builder()
                        .and(
                            ReplicationRuleAndOperator.builder()
                                .prefix("logs/")
                                .tags(
                                    Tag.builder().key("a").value("1").build(),
                                    Tag.builder().key("b").value("2").build())
                                .build())
                        .build())
                .build()));
    assertEquals(
        "prefix 'old/'",
        S3ActivitiesImpl.filterOf(
            base.toBuilder().filter((ReplicationRuleFilter) null).prefix("old/").build()),
        "the V1 schema's rule-level prefix");
    assertEquals(
        "whole bucket",
        S3ActivitiesImpl.filterOf(base.toBuilder().filter((ReplicationRuleFilter) null).build()));
  }

  @Test
  void theCatalogsWholeRuleIsWrittenAndOtherRulesKept() {
    ScriptedS3 s3 = new ScriptedS3();
    ReplicationRule other =
        S3ActivitiesImpl.ruleFor(
            new ReplicationSpec(
                "KeepMe", ROLE, "elsewhere", "eu-central-1", Duration.ofMinutes(15), "STANDARD"),
            7);
    s3.config =
        ReplicationConfiguration.builder()
            .role(ROLE)
            .rules(other, S3ActivitiesImpl.ruleFor(catalogRule("tmp/", 3, true), 3))
            .build();

    s3.activities().putReplicationRule(REGION, BUCKET, catalogRule(null, null, null));

    List<ReplicationRule> rules = s3.puts.get(0).replicationConfiguration().rules();
    assertEquals(
        List.of("KeepMe", "ReplicateAll"), rules.stream().map(ReplicationRule::id).toList());
    ReplicationRule ours = rules.get(1);
    assertEquals("", ours.filter().prefix(), "the whole bucket");
    assertEquals(1, ours.priority());
    assertEquals(DeleteMarkerReplicationStatus.DISABLED, ours.deleteMarkerReplication().status());
    assertEquals(other, rules.get(0));
    assertEquals(
        "Enabled, priority 1, whole bucket, delete markers Disabled, to mycomputer-assets-dr,"
            + " STANDARD_IA, RTC 15m, role replication-role",
        s3.activities().replicationRule(REGION, BUCKET, "ReplicateAll").describe());
  }

  @Test
  void theCatalogsPrefixPriorityAndDeleteMarkersAreSent() {
    ScriptedS3 s3 = new ScriptedS3();

    s3.activities().putReplicationRule(REGION, BUCKET, catalogRule("documents/", 4, true));

    ReplicationRule sent = s3.puts.get(0).replicationConfiguration().rules().get(0);
    assertEquals("documents/", sent.filter().prefix());
    assertEquals(4, sent.priority());
    assertEquals(DeleteMarkerReplicationStatus.ENABLED, sent.deleteMarkerReplication().status());
    assertNull(s3.activities().replicationRule(REGION, BUCKET, "NoSuchRule"));
  }
}
