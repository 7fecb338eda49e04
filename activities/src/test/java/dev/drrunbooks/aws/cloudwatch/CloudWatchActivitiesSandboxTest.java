package dev.drrunbooks.aws.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
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
      ApplicationFailure e =
          assertThrows(
              ApplicationFailure.class,
              () ->
                  new CloudWatchActivitiesImpl(r -> plain)
                      .alarmState("eu-west-1", "api-primary-unhealthy"));
      assertTrue(e.isNonRetryable());
      assertEquals("CloudWatchProtocol", e.getType());
      assertTrue(e.getOriginalMessage().contains("CloudWatchJsonProtocol"), e.getOriginalMessage());
      assertTrue(e.getOriginalMessage().contains("dr-sandbox.jar"), e.getOriginalMessage());
    }
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
