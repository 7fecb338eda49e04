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
import dev.drrunbooks.failover.MetricMaximum;
import dev.drrunbooks.failover.MetricQuery;
import dev.drrunbooks.testing.SandboxEnv;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
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

  /**
   * moto's CloudWatch publishes no S3 replication metric of its own (S3 publishes
   * ReplicationLatency only where objects replicate:
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html); it returns what
   * put_metric_data stored, by region, dimension set and time range, as CloudWatch does.
   */
  @Test
  void aMetricsMaximumIsItsLargestDatapointInTheRangeAndNoneWithout() {
    String source = SandboxAws.uniqueName("dr-test-src");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> dims =
        Map.of("SourceBucket", source, "DestinationBucket", source + "-dr", "RuleId", "R");
    publish("eu-central-1", dims, now.minus(Duration.ofMinutes(2)), 12.5);
    publish("eu-central-1", dims, now.minus(Duration.ofMinutes(6)), 40.0);
    publish("eu-central-1", dims, now.minus(Duration.ofMinutes(40)), 999.0);

    MetricMaximum max = activities.metricMaximum(query("eu-central-1", dims, now));

    assertEquals(new MetricMaximum(40.0, "Seconds", 2), max, "the 40-minute-old one is outside");
    assertEquals(
        MetricMaximum.none(),
        activities.metricMaximum(query("eu-west-1", dims, now)),
        "published in eu-central-1 only");
    Map<String, String> otherRule = new java.util.HashMap<>(dims);
    otherRule.put("RuleId", "Other");
    assertEquals(
        MetricMaximum.none(), activities.metricMaximum(query("eu-central-1", otherRule, now)));
  }

  @Test
  void theSeedPublishesEachReplicatedBucketsLatencyInItsReplicasRegion() {
    for (String bucket : List.of("mycomputer-customer-documents", "mycomputer-payments-archive")) {
      var metrics =
          client("eu-central-1")
              .listMetrics(
                  r ->
                      r.namespace("AWS/S3")
                          .metricName("ReplicationLatency")
                          .dimensions(d -> d.name("SourceBucket").value(bucket)))
              .metrics();
      assertEquals(1, metrics.size(), bucket + ": " + metrics);
      assertEquals(
          Map.of(
              "SourceBucket",
              bucket,
              "DestinationBucket",
              bucket + "-dr",
              "RuleId",
              "ReplicateAll"),
          metrics.get(0).dimensions().stream()
              .collect(java.util.stream.Collectors.toMap(d -> d.name(), d -> d.value())));
    }
  }

  private void publish(String region, Map<String, String> dims, Instant at, double seconds) {
    client(region)
        .putMetricData(
            r ->
                r.namespace("AWS/S3")
                    .metricData(
                        m ->
                            m.metricName("ReplicationLatency")
                                .dimensions(
                                    dims.entrySet().stream()
                                        .map(
                                            d ->
                                                Dimension.builder()
                                                    .name(d.getKey())
                                                    .value(d.getValue())
                                                    .build())
                                        .toList())
                                .timestamp(at)
                                .value(seconds)
                                .unit(StandardUnit.SECONDS)));
  }

  private static MetricQuery query(String region, Map<String, String> dims, Instant now) {
    return new MetricQuery(
        region,
        "AWS/S3",
        "ReplicationLatency",
        dims,
        now.minus(Duration.ofMinutes(15)),
        now,
        Duration.ofMinutes(1));
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
