package dev.drrunbooks.aws.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.failover.MetricQuery;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * CloudWatch alarms through the AWS SDK over HTTP against the sandbox's moto, as production code
 * sees it: without the sandbox module. The SDK speaks RPC v2 CBOR to CloudWatch, moto only JSON 1.0
 * and Query, so moto answers a bare 404 and the activity says what to do. The alarms themselves are
 * read through the sandbox module's translating interceptor there
 * (dev.drrunbooks.sandbox.aws.CloudWatchJsonProtocolSandboxTest).
 */
class CloudWatchActivitiesSandboxTest {
  private final CloudWatchActivitiesImpl activities =
      new CloudWatchActivitiesImpl(
          region -> {
            throw new AssertionError("a bad input makes no call (region " + region + ")");
          });

  @Test
  void withoutTheSandboxModulesInterceptorMotoAnswersABare404AndTheFailureSaysWhatToDo() {
    SandboxEnv env = SandboxEnv.get();
    try (CloudWatchClient plain =
        CloudWatchClient.builder()
            .region(Region.EU_WEST_1)
            .endpointOverride(URI.create(env.require("AWS_ENDPOINT_URL")))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))))
            .build()) {
      CloudWatchActivitiesImpl direct = new CloudWatchActivitiesImpl(r -> plain);
      ApplicationFailure e =
          assertThrows(
              ApplicationFailure.class,
              () -> direct.alarmState("eu-west-1", "api-primary-unhealthy"));
      assertTrue(e.isNonRetryable());
      assertEquals("CloudWatchProtocol", e.getType());
      assertTrue(e.getOriginalMessage().contains("CloudWatchJsonProtocol"), e.getOriginalMessage());
      assertTrue(e.getOriginalMessage().contains("dr-sandbox.jar"), e.getOriginalMessage());

      ApplicationFailure metric =
          assertThrows(ApplicationFailure.class, () -> direct.metricMaximum(query("eu-west-1")));
      assertEquals("CloudWatchProtocol", metric.getType());
      assertTrue(
          metric
              .getOriginalMessage()
              .startsWith(
                  "get-metric-statistics AWS/S3 ReplicationLatency (RuleId=R) in eu-west-1"
                      + " failed: the CloudWatch endpoint answered a bare 404"),
          metric.getOriginalMessage());
    }
  }

  private static MetricQuery query(String region) {
    Instant now = Instant.now();
    return new MetricQuery(
        region,
        "AWS/S3",
        "ReplicationLatency",
        Map.of("RuleId", "R"),
        now.minus(Duration.ofMinutes(15)),
        now,
        Duration.ofMinutes(1));
  }

  @Test
  void aMetricQueryWithoutRegionIsABadInput() {
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.metricMaximum(query(" ")));
    assertTrue(e.isNonRetryable());
    assertEquals("InvalidInput", e.getType());
    assertTrue(
        e.getOriginalMessage().startsWith("region is empty (AWS/S3"), e.getOriginalMessage());
    assertTrue(
        assertThrows(ApplicationFailure.class, () -> activities.metricMaximum(null))
            .isNonRetryable());
  }

  @Test
  void anEmptyNameOrRegionIsABadInput() {
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.alarmState("eu-west-1", " "));
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("alarmName"), e.getOriginalMessage());
    assertTrue(
        assertThrows(ApplicationFailure.class, () -> activities.alarmState(null, "x"))
            .isNonRetryable());
  }
}
