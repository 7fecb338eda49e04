package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.backuppolicy.ReplicationRuleState;
import dev.drrunbooks.backuppolicy.S3Activities;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.catalog.ReplicationSpec;
import dev.drrunbooks.failover.AlarmState;
import dev.drrunbooks.failover.CloudWatchActivities;
import dev.drrunbooks.failover.MetricMaximum;
import dev.drrunbooks.failover.MetricQuery;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bucket check's words and verdicts, the predicted RPO over a database and buckets, and the
 * table the run shows in the Temporal UI; without a workflow.
 */
class BucketReplicationReadinessTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final BucketSpec BUCKET =
      new BucketSpec(
          "src",
          "eu-west-1",
          true,
          new ReplicationSpec(
              "Rule1", "role", "src-dr", "eu-central-1", Duration.ofMinutes(15), "STANDARD"));
  private static final ReplicationRuleState RULE =
      new ReplicationRuleState(
          "Rule1",
          "Enabled",
          "role",
          "arn:aws:s3:::src-dr",
          "STANDARD",
          15,
          1,
          "whole bucket",
          "Disabled",
          "Enabled");

  private ReplicationRuleState rule = RULE;
  private MetricMaximum latency = MetricMaximum.none();
  private RuntimeException cloudWatchFails;
  private final List<MetricQuery> asked = new ArrayList<>();

  private final S3Activities s3 =
      new S3Activities() {
        @Override
        public String versioningStatus(String region, String bucket) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void enableVersioning(String region, String bucket) {
          throw new UnsupportedOperationException();
        }

        @Override
        public ReplicationRuleState replicationRule(String region, String bucket, String ruleId) {
          assertEquals(List.of("eu-west-1", "src", "Rule1"), List.of(region, bucket, ruleId));
          return rule;
        }

        @Override
        public void putReplicationRule(String region, String bucket, ReplicationSpec r) {
          throw new UnsupportedOperationException();
        }
      };
  private final CloudWatchActivities cloudWatch =
      new CloudWatchActivities() {
        @Override
        public AlarmState alarmState(String region, String alarmName) {
          throw new UnsupportedOperationException();
        }

        @Override
        public MetricMaximum metricMaximum(MetricQuery query) {
          asked.add(query);
          if (cloudWatchFails != null) throw cloudWatchFails;
          return latency;
        }
      };

  private ReplicationLag check(Duration rpo) {
    return new ReplicationLatencyCheck(s3, cloudWatch).check("svc", BUCKET, rpo, NOW);
  }

  @Test
  void theMaximumLatencyAgainstTheRpoDecidesAndIsTheLag() {
    latency = new MetricMaximum(61.4, "Seconds", 3);

    ReplicationLag lag = check(Duration.ofMinutes(1));

    assertEquals(
        new ReadinessCheck(
            "svc",
            "S3 replication of src",
            "enabled to src-dr, replication latency under RPO 1m",
            "at most 1m 1s behind over the last 15m",
            CheckVerdict.FAIL),
        lag.check());
    assertEquals(Duration.ofMillis(61_400), lag.latency());
    assertTrue(lag.replicates());
    assertEquals(CheckVerdict.PASS, check(Duration.ofSeconds(62)).check().verdict());
    assertEquals(CheckVerdict.PASS, check(null).check().verdict(), "no RPO, nothing to miss");
    assertEquals(
        new MetricQuery(
            "eu-central-1",
            "AWS/S3",
            "ReplicationLatency",
            Map.of("SourceBucket", "src", "DestinationBucket", "src-dr", "RuleId", "Rule1"),
            NOW.minus(Duration.ofMinutes(15)),
            NOW,
            Duration.ofMinutes(1)),
        asked.get(0));
  }

  @Test
  void aFailedReadIsUnknownWithItsCause() {
    cloudWatchFails =
        new ActivityFailure(
            "activity failed",
            1,
            2,
            "CloudWatchMetricMaximum",
            "id",
            RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
            "me",
            ApplicationFailure.newNonRetryableFailure("AccessDenied: no", "AwsAccessDenied"));

    ReplicationLag lag = check(Duration.ofMinutes(15));

    assertEquals(CheckVerdict.UNKNOWN, lag.check().verdict());
    assertTrue(lag.check().found().contains("AccessDenied: no"), lag.check().found());
    assertNull(lag.latency());
    assertTrue(lag.replicates(), "it may well replicate: it was not read");
  }

  @Test
  void noRuleOrADisabledOneDoesNotReplicateAndMetricsOffAreNotAsked() {
    rule = null;
    ReplicationLag none = check(Duration.ofMinutes(15));
    assertEquals(CheckVerdict.FAIL, none.check().verdict());
    assertEquals("no replication rule Rule1", none.check().found());
    assertEquals(false, none.replicates());

    rule = withStatusAndMetrics("Disabled", "Enabled");
    assertEquals("rule Rule1 is Disabled", check(Duration.ofMinutes(15)).check().found());

    rule = withStatusAndMetrics("Enabled", "Disabled");
    ReplicationLag off = check(Duration.ofMinutes(15));
    assertEquals(CheckVerdict.UNKNOWN, off.check().verdict());
    assertTrue(off.check().found().contains("--service svc --apply"), off.check().found());
    assertTrue(off.replicates());
    assertTrue(asked.isEmpty(), "no metric is read without a rule publishing it");
  }

  private static ReplicationRuleState withStatusAndMetrics(String status, String metrics) {
    return new ReplicationRuleState(
        RULE.ruleId(),
        status,
        RULE.role(),
        RULE.destinationBucketArn(),
        RULE.storageClass(),
        RULE.replicationTimeMinutes(),
        RULE.priority(),
        RULE.filter(),
        RULE.deleteMarkerReplication(),
        metrics);
  }

  private static Duration worst(
      boolean hasDatabase, Duration databaseAge, List<ReplicationLag> buckets) {
    return rpo(hasDatabase, databaseAge, buckets).worst();
  }

  private static PredictedRpo rpo(
      boolean hasDatabase, Duration databaseAge, List<ReplicationLag> buckets) {
    RecoveryPoint point =
        databaseAge == null
            ? null
            : new RecoveryPoint("eu-central-1", NOW.minus(databaseAge), "snapshot s-1");
    return PredictedRpo.of("eu-central-1", hasDatabase, point, databaseAge, buckets);
  }

  @Test
  void thePredictedRpoIsTheWorstCopyAndUnboundedWithoutOne() {
    Duration db = Duration.ofMinutes(4);
    ReadinessCheck any = ReadinessCheck.of("svc", "c", "e", "f", true);
    ReplicationLag behind7 = ReplicationLag.measured("b7", any, Duration.ofMinutes(7));
    ReplicationLag behind1 = ReplicationLag.measured("b1", any, Duration.ofMinutes(1));
    ReplicationLag unmeasured = ReplicationLag.unmeasured("u", any);

    assertEquals(db, worst(true, db, List.of()));
    assertEquals(db, worst(true, db, List.of(behind1, unmeasured)));
    assertEquals(Duration.ofMinutes(7), worst(true, db, List.of(behind1, behind7)));
    assertNull(worst(true, null, List.of(behind1)), "the database has no DR copy");
    assertNull(
        worst(true, db, List.of(behind1, ReplicationLag.notReplicated("n", any))),
        "a bucket has none");
    assertEquals(Duration.ofMinutes(1), worst(false, null, List.of(behind1)));
    assertNull(worst(false, null, List.of(unmeasured)), "nothing measured");
  }

  /**
   * Issue 15, trial finding 2: a bucket without replication made the predicted RPO read "no
   * recovery point" though the database had one; the basis names what decided it.
   */
  @Test
  void thePredictedRpoNamesWhatDecidedIt() {
    Duration db = Duration.ofSeconds(19);
    ReadinessCheck noRule =
        ReadinessCheck.of("svc", "S3 replication of docs", "e", "no replication rule R", false);
    ReadinessCheck any = ReadinessCheck.of("svc", "c", "e", "f", true);

    assertEquals(
        new PredictedRpo(db, "DR recovery point 19s old (snapshot s-1)"),
        rpo(true, db, List.of(ReplicationLag.measured("b", any, Duration.ofSeconds(3)))));
    assertEquals(
        new PredictedRpo(Duration.ofSeconds(42), "bucket b: replication latency 42s"),
        rpo(true, db, List.of(ReplicationLag.measured("b", any, Duration.ofSeconds(42)))));
    assertEquals(
        new PredictedRpo(null, "bucket docs: no replication rule R"),
        rpo(true, db, List.of(ReplicationLag.notReplicated("docs", noRule))),
        "the bucket, not the database, leaves it unbounded");
    assertEquals(
        new PredictedRpo(
            null, "no DR recovery point in eu-central-1; bucket docs: no replication rule R"),
        PredictedRpo.of(
            "eu-central-1",
            true,
            new RecoveryPoint("eu-central-1", null, "none"),
            null,
            List.of(ReplicationLag.notReplicated("docs", noRule))));
    assertEquals(
        "DR recovery point in eu-central-1 could not be read",
        PredictedRpo.of("eu-central-1", true, null, null, List.of()).basis());
    assertEquals(
        new PredictedRpo(null, "nothing measured: bucket u: replication latency unknown"),
        rpo(false, null, List.of(ReplicationLag.unmeasured("u", any))));
    assertEquals("no database and no replicated bucket", rpo(false, null, List.of()).basis());
  }

  @Test
  void theTableNamesUpToThreeFailingChecksAndEscapesPipes() {
    ReadinessCheck fails = ReadinessCheck.of("a|b", "x|y", "e", "f", false);
    assertEquals("none", ReadinessDetails.failing(List.of()));
    assertEquals("1: x|y", ReadinessDetails.failing(List.of(fails)));
    assertEquals("3: x|y, x|y, x|y", ReadinessDetails.failing(List.of(fails, fails, fails)));
    assertEquals(
        "5: x|y, x|y, x|y and 2 more",
        ReadinessDetails.failing(List.of(fails, fails, fails, fails, fails)));

    Objectives objectives = new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15));
    RtoForecast meets =
        new RtoForecast(
            "a|b",
            Duration.ofMinutes(30),
            List.of(),
            Duration.ofMinutes(10),
            Duration.ofMinutes(12),
            StepKind.RDS_RESTORE,
            RtoForecast.Verdict.MEETS);
    RtoForecast atRisk =
        new RtoForecast(
            "c",
            Duration.ofMinutes(30),
            List.of(),
            Duration.ofMinutes(30),
            Duration.ofMinutes(45),
            StepKind.RDS_RESTORE,
            RtoForecast.Verdict.AT_RISK);
    ServiceReadiness ready =
        new ServiceReadiness(
            "a|b", objectives, List.of(), Duration.ofSeconds(90), meets, List.of());
    ServiceReadiness notReady =
        new ServiceReadiness(
            "c", objectives, List.of(fails), null, atRisk, List.of(), "bucket e|f: no rule R");
    ServiceReadiness unforecast =
        new ServiceReadiness("d", objectives, List.of(), null, null, List.of());

    assertEquals(
        "**Checked:** 3 of 4 service(s)\n\n"
            + "| Service | Ready | Failing checks | Predicted RTO p90 / objective |"
            + " Predicted RPO / objective |\n"
            + "| --- | --- | --- | --- | --- |\n"
            + "| a\\|b | yes | none | 12m / 30m | 1m 30s / 15m |\n"
            + "| c | **no** | 1: x\\|y | 45m (at risk) / 30m | no figure (bucket e\\|f: no rule R)"
            + " / 15m |\n"
            + "| d | yes | none | - / 30m | no DR copy / 15m |",
        ReadinessDetails.checking(List.of(ready, notReady, unforecast), 4));
    ReadinessResult result = ReadinessResult.of(NOW, List.of(ready), List.of());
    assertEquals(
        "**Result:** All 1 service(s) ready\n\n" + ReadinessDetails.table(List.of(ready)),
        ReadinessDetails.done(result));
  }
}
