package dev.drrunbooks.failover;

import dev.drrunbooks.activities.http.HttpProbeActivities;
import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeSample;
import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.activities.route53.RecordSetSnapshot;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.route53.WeightChange;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DnsRecordSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory Route53, CloudWatch, HTTP endpoints and catalog for workflow-logic tests only.
 * Endpoints answer as told (healthy, failing, or healthy until the Nth probe); every weight change
 * is recorded.
 */
public final class FakeRegions
    implements Route53Activities, CloudWatchActivities, HttpProbeActivities {
  public final Map<String, long[]> weights = new ConcurrentHashMap<>();
  public final List<String> changes = Collections.synchronizedList(new ArrayList<>());

  /** Each change read back after INSYNC: record name and change id. */
  public final List<String> verified = Collections.synchronizedList(new ArrayList<>());

  /**
   * When set, the next read-back finds this field changed (someone else changed the set meanwhile).
   */
  volatile String changedBySomeoneElse;

  public final Map<String, Boolean> healthy = new ConcurrentHashMap<>();

  /** Probes of a URL that still succeed before it starts failing (flapping after a switch). */
  public final Map<String, Integer> failAfter = new ConcurrentHashMap<>();

  private final Map<String, Integer> probed = new ConcurrentHashMap<>();
  volatile String alarmState = "OK";

  /**
   * What CloudWatch holds, by {@link MetricQuery#describe()} (the metric, its dimensions and
   * region, not the time range); a metric not here has no datapoint.
   */
  public final Map<String, MetricMaximum> metrics = new ConcurrentHashMap<>();

  /** Runs before each metric query is answered, e.g. to look at the run meanwhile. */
  public volatile java.util.function.Consumer<MetricQuery> beforeMetric = q -> {};

  /** Every metric query, in order. */
  public final List<MetricQuery> metricQueries = Collections.synchronizedList(new ArrayList<>());

  /**
   * When set, what the Route53 health check reports (else all 3 checkers agree with the primary's
   * probes).
   */
  public volatile HealthCheckState healthCheck;

  private final Catalog catalog = CatalogFixture.load();

  public FakeRegions() {
    catalog.dnsRecords().values().forEach(r -> weights.put(r.name(), new long[] {100, 0}));
  }

  public static String primaryUrl() {
    return "https://primary-alb.eu-west-1.elb.amazonaws.com/health";
  }

  public static String secondaryUrl() {
    return "https://secondary-alb.eu-central-1.elb.amazonaws.com/health";
  }

  /**
   * The primary's probes fail, its health check sees 0 of 3 checkers healthy and its alarm fires:
   * all agree.
   */
  public FakeRegions primaryDown() {
    healthy.put(primaryUrl(), false);
    alarmState = "ALARM";
    return this;
  }

  @Override
  public WeightedRecordState readWeights(DnsRecordSpec record) {
    long[] w = weights.get(record.name());
    return new WeightedRecordState("ZFAKE", record.name(), w[0], w[1]);
  }

  @Override
  public String upsertWeights(DnsRecordSpec record, long primaryWeight, long secondaryWeight) {
    weights.put(record.name(), new long[] {primaryWeight, secondaryWeight});
    changes.add(record.name() + " " + primaryWeight + "/" + secondaryWeight);
    return "C" + changes.size();
  }

  @Override
  public WeightChange changeWeights(
      DnsRecordSpec record, long primaryWeight, long secondaryWeight) {
    long[] w = weights.get(record.name());
    List<RecordSetSnapshot> before =
        List.of(
            new RecordSetSnapshot(
                record.primary().setIdentifier(), w[0], Map.of("HealthCheckId", "hc-primary")),
            new RecordSetSnapshot(
                record.secondary().setIdentifier(), w[1], Map.of("HealthCheckId", "hc-secondary")));
    return new WeightChange(upsertWeights(record, primaryWeight, secondaryWeight), before);
  }

  /** As the real one: the weights as intended, else a non-retryable mismatch naming the set. */
  @Override
  public WeightedRecordState verifyWeights(
      DnsRecordSpec record, WeightChange change, long primaryWeight, long secondaryWeight) {
    verified.add(record.name() + " " + change.changeId());
    String changed = changedBySomeoneElse;
    if (changed != null) {
      changedBySomeoneElse = null;
      throw ApplicationFailure.newNonRetryableFailure(
          "Route53 record sets of "
              + record.name()
              + " A after change "
              + change.changeId()
              + " are not as intended: "
              + changed,
          "Route53RecordSetMismatch");
    }
    WeightedRecordState now = readWeights(record);
    if (now.primaryWeight() != primaryWeight || now.secondaryWeight() != secondaryWeight) {
      throw ApplicationFailure.newNonRetryableFailure(
          "set 'Primary' Weight: intended " + primaryWeight + ", is " + now.primaryWeight(),
          "Route53RecordSetMismatch");
    }
    return now;
  }

  @Override
  public String awaitInSync(String changeId, Instant deadline) {
    return "INSYNC";
  }

  @Override
  public String pollInSync(String changeId, Instant deadline) {
    return awaitInSync(changeId, deadline);
  }

  @Override
  public HealthCheckState healthCheckStatus(DnsRecordSpec record) {
    if (healthCheck != null) return healthCheck;
    boolean up = healthy.getOrDefault(primaryUrl(), true);
    return new HealthCheckState("hc-" + record.name(), up ? 3 : 0, 3, up ? "Success" : "Failure");
  }

  @Override
  public AlarmState alarmState(String region, String alarmName) {
    return new AlarmState(alarmName, region, alarmState, "fake");
  }

  @Override
  public MetricMaximum metricMaximum(MetricQuery query) {
    metricQueries.add(query);
    beforeMetric.accept(query);
    return metrics.getOrDefault(query.describe(), MetricMaximum.none());
  }

  @Override
  public ProbeReport probe(String url, int probes, Duration interval, Duration timeout) {
    List<ProbeSample> samples = new ArrayList<>();
    for (int i = 0; i < probes; i++) {
      int n = probed.merge(url, 1, Integer::sum);
      boolean up =
          healthy.getOrDefault(url, true) && n <= failAfter.getOrDefault(url, Integer.MAX_VALUE);
      samples.add(up ? new ProbeSample(200, 12, null) : new ProbeSample(503, 30, "HTTP 503"));
    }
    return ProbeReport.of(url, samples);
  }
}
