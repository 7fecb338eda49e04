package dev.drrunbooks.sandbox.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.aws.cloudwatch.CloudWatchActivitiesImpl;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.WeightedTarget;
import dev.drrunbooks.failover.AlarmState;
import dev.drrunbooks.testing.SandboxEnv;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch alarms through the AWS SDK over HTTP against the sandbox's moto, with the sandbox
 * module on the class path. The SDK speaks RPC v2 CBOR to CloudWatch, moto only JSON 1.0 and Query:
 * the clients here are built plainly, as AwsClients builds them, and the SDK installs {@link
 * CloudWatchJsonProtocol} in them by itself, from the sandbox module's global interceptor file.
 */
class CloudWatchJsonProtocolSandboxTest {
  private final Map<String, CloudWatchClient> clients = new ConcurrentHashMap<>();
  private CloudWatchActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    activities = new CloudWatchActivitiesImpl(this::client);
  }

  @AfterEach
  void tearDown() {
    clients.values().forEach(CloudWatchClient::close);
  }

  private CloudWatchClient client(String region) {
    SandboxEnv env = SandboxEnv.get();
    return clients.computeIfAbsent(
        region,
        r ->
            CloudWatchClient.builder()
                .region(Region.of(r))
                .endpointOverride(URI.create(env.require("AWS_ENDPOINT_URL")))
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            env.require("AWS_ACCESS_KEY_ID"),
                            env.require("AWS_SECRET_ACCESS_KEY"))))
                .build());
  }

  @Test
  void everyAlarmTheCatalogNamesIsSeededOkInItsRegion() {
    for (DnsRecordSpec record : CatalogFixture.load().dnsRecords().values()) {
      for (WeightedTarget side : List.of(record.primary(), record.secondary())) {
        AlarmState state = activities.alarmState(side.region(), side.alarm());
        assertEquals(new AlarmState(side.alarm(), side.region(), "OK", state.reason()), state);
        assertFalse(state.firing());
      }
    }
    AlarmState api = activities.alarmState("eu-west-1", "api-primary-unhealthy");
    assertEquals("OK", api.state());
    assertEquals("dr-runbooks sandbox seed: healthy", api.reason());
  }

  @Test
  void aMissingAlarmIsMissingNotAFailure() {
    AlarmState state = activities.alarmState("eu-west-1", "no-such-alarm");
    assertEquals("MISSING", state.state());
    assertEquals("no-such-alarm", state.alarmName());
    assertEquals("eu-west-1", state.region());
    assertTrue(state.reason().contains("'no-such-alarm' in eu-west-1"), state.reason());
    assertFalse(state.firing());
  }

  @Test
  void anAlarmIsLookedUpInTheRegionAskedOnly() {
    // the primary's alarm lives in eu-west-1; eu-central-1 has the secondary's
    assertEquals("MISSING", activities.alarmState("eu-central-1", "api-primary-unhealthy").state());
    assertEquals("OK", activities.alarmState("eu-central-1", "api-secondary-unhealthy").state());
  }

  @Test
  void aFiringAlarmReadsAsAlarmWithItsReason() {
    String name = SandboxAws.uniqueName("dr-test-alarm");
    CloudWatchClient cw = client("eu-west-1");
    cw.putMetricAlarm(
        r ->
            r.alarmName(name)
                .namespace("AWS/ApplicationELB")
                .metricName("HTTPCode_ELB_5XX_Count")
                .statistic(Statistic.SUM)
                .period(60)
                .evaluationPeriods(1)
                .threshold(10.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    try {
      cw.setAlarmState(
          r ->
              r.alarmName(name)
                  .stateValue(StateValue.ALARM)
                  .stateReason("5XX above 10 for 1 minute"));
      AlarmState state = activities.alarmState("eu-west-1", name);
      assertEquals("ALARM", state.state());
      assertEquals("5XX above 10 for 1 minute", state.reason());
      assertTrue(state.firing());
    } finally {
      cw.deleteAlarms(r -> r.alarmNames(name));
    }
    assertEquals("MISSING", activities.alarmState("eu-west-1", name).state());
  }

  @Test
  void errorsComeThroughTheJsonProtocolAsTheSdksExceptions() {
    CloudWatchException e =
        assertThrows(
            CloudWatchException.class,
            () ->
                client("eu-west-1")
                    .setAlarmState(
                        r ->
                            r.alarmName("no-such-alarm")
                                .stateValue(StateValue.OK)
                                .stateReason("test")));
    assertEquals(404, e.statusCode());
    assertEquals("ResourceNotFound", e.awsErrorDetails().errorCode());
    assertTrue(AwsFailures.isPermanent(e));
  }
}
