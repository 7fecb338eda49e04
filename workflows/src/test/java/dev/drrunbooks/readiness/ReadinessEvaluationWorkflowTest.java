package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.backuppolicy.FakeAwsWorld;
import dev.drrunbooks.backuppolicy.ReplicationRuleState;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.failover.MetricMaximum;
import dev.drrunbooks.failover.MetricQuery;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.restore.FakeRds;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A readiness evaluation over fakes of the AWS world: what it checks and what it concludes. */
class ReadinessEvaluationWorkflowTest {
  private static final Catalog CATALOG = CatalogFixture.load();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(ReadinessEvaluationWorkflowImpl.class, BackupPolicyWorkflowImpl.class);

  private FakeAwsWorld policyWorld;
  private final FakeRds rds = new FakeRds();
  private final FakeEcs ecs = new FakeEcs();
  private final FakeRegions regions = new FakeRegions();
  private final FakeLedgerQueries ledger = new FakeLedgerQueries();
  private final FakeStandbyReplica standby = new FakeStandbyReplica();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    policyWorld = FakeAwsWorld.likeTheSandbox(CATALOG);
    worker.registerActivitiesImplementations(policyWorld, rds, ecs, regions, ledger, standby);
    env.start();
  }

  private static ReadinessResult evaluate(
      WorkflowClient client, Worker worker, String id, String service) {
    ReadinessEvaluationWorkflow wf =
        client.newWorkflowStub(
            ReadinessEvaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    return wf.evaluate(new ReadinessInput(service));
  }

  private static BucketSpec assets() {
    return CATALOG.definitionOf("inventory").buckets().get(0);
  }

  /** The assets bucket with the policy's rule, its replica behind by at most {@code seconds}. */
  private void assetsReplicateWithLatency(double seconds) {
    BucketSpec bucket = assets();
    policyWorld.rule(
        bucket.region(),
        bucket.name(),
        bucket.replication().ruleId(),
        FakeAwsWorld.policyRule(bucket.replication()));
    assetsLatency(seconds);
  }

  /** The assets bucket's rule as the policy writes it, but for its status, RTC and metrics. */
  private void assetsRule(String status, Integer rtcMinutes, String metrics) {
    BucketSpec bucket = assets();
    ReplicationRuleState rule = FakeAwsWorld.policyRule(bucket.replication());
    policyWorld.rule(
        bucket.region(),
        bucket.name(),
        rule.ruleId(),
        new ReplicationRuleState(
            rule.ruleId(),
            status,
            rule.role(),
            rule.destinationBucketArn(),
            rule.storageClass(),
            rtcMinutes,
            rule.priority(),
            rule.filter(),
            rule.deleteMarkerReplication(),
            metrics));
  }

  private void assetsLatency(double seconds) {
    regions.metrics.put(
        ReplicationLatencyCheck.query(assets(), Instant.EPOCH).describe(),
        new MetricMaximum(seconds, "Seconds", 15));
  }

  private static Map<String, ReadinessCheck> checks(ServiceReadiness s) {
    return s.checks().stream().collect(Collectors.toMap(ReadinessCheck::check, c -> c));
  }

  @Test
  void inventorysOffPolicyBackupsAndMissingDrRecoveryPointAreReported(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    ReadinessResult r = evaluate(client, worker, "readiness-inventory-1", "inventory");

    assertEquals(1, r.services().size());
    ServiceReadiness inventory = r.services().get(0);
    assertFalse(inventory.ready());
    Map<String, ReadinessCheck> checks = checks(inventory);
    ReadinessCheck retention =
        checks.get("backup policy: rds:mycomputer-inventory-db backup-retention-days");
    assertEquals(CheckVerdict.FAIL, retention.verdict());
    assertEquals("30", retention.expected());
    assertEquals("7", retention.found());
    ReadinessCheck primary = checks.get("recovery point in eu-west-1");
    assertEquals(CheckVerdict.PASS, primary.verdict(), primary.toString());
    assertTrue(primary.found().contains("latest restorable time of mycomputer-inventory-db"));
    ReadinessCheck dr = checks.get("recovery point in eu-central-1");
    assertEquals(CheckVerdict.FAIL, dr.verdict(), "nothing replicated or copied there");
    assertTrue(dr.found().contains("no available snapshot"), dr.found());
    assertNull(inventory.predictedRpo(), "a region loss would leave nothing to restore");
    assertEquals(
        "no DR recovery point in eu-central-1; bucket mycomputer-assets: no replication rule"
            + " ReplicateAll",
        inventory.predictedRpoBasis(),
        "each copy the DR region lacks");
    ReadinessCheck assets = checks.get("S3 replication of mycomputer-assets");
    assertEquals(CheckVerdict.FAIL, assets.verdict(), "the sandbox's assets bucket replicates not");
    assertEquals("no replication rule ReplicateAll", assets.found());
    assertEquals(
        "enabled to mycomputer-assets-dr, replication latency under RPO 15m", assets.expected());
    assertEquals("1 of 1 service(s) not ready: inventory (10 checks failing)", r.summary());
    assertEquals(
        CheckVerdict.FAIL, checks.get("last passing dr-drill").verdict(), "an empty ledger");
    assertEquals("none in the ledger", checks.get("last passing backup-validation").found());
    assertEquals(RtoForecast.Verdict.INSUFFICIENT_EVIDENCE, inventory.rto().verdict());
    Histories.record(client, "readiness-inventory-1", "readiness-inventory");
  }

  @Test
  void replicatedBackupsWithinTheRpoPassAndGiveThePredictedRpo(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    assetsReplicateWithLatency(90.0);
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(now.minus(Duration.ofDays(7)), now.minus(Duration.ofMinutes(4))));

    ServiceReadiness inventory =
        evaluate(client, worker, "readiness-inventory-2", "inventory").services().get(0);

    ReadinessCheck dr = checks(inventory).get("recovery point in eu-central-1");
    assertEquals(CheckVerdict.PASS, dr.verdict(), dr.toString());
    assertEquals("newer than RPO 15m", dr.expected());
    assertTrue(dr.found().startsWith("4m"), dr.found());
    assertTrue(
        inventory.predictedRpo().compareTo(Duration.ofMinutes(4)) >= 0
            && inventory.predictedRpo().compareTo(Duration.ofMinutes(5)) < 0,
        String.valueOf(inventory.predictedRpo()));
    assertTrue(
        inventory.predictedRpoBasis().startsWith("DR recovery point 4m")
            && inventory.predictedRpoBasis().endsWith(" old (" + drSource(inventory) + ")"),
        "the database, 4m behind, loses more than the bucket's 1m 30s: "
            + inventory.predictedRpoBasis());
  }

  @Test
  void paymentsStandbyReplicaCaughtUpPassesAndItsLagIsWhatARegionLossWouldLose(
      WorkflowClient client, Worker worker) {
    ServiceReadiness payments =
        evaluate(client, worker, "readiness-standby-1", "payments").services().get(0);

    ReadinessCheck replica =
        checks(payments).get("standby replica mycomputer-payments-db-replica (eu-central-1)");
    assertEquals(CheckVerdict.PASS, replica.verdict(), replica.toString());
    assertTrue(replica.found().endsWith("; ReplicaLag 0 s"), replica.found());
    assertEquals(Duration.ZERO, payments.predictedRpo(), payments.predictedRpoBasis());
    assertEquals(
        "standby replica mycomputer-payments-db-replica (eu-central-1): ReplicaLag 0s",
        payments.predictedRpoBasis(),
        "the replica, not the DR recovery point, is what a region loss would lose");
    Histories.record(client, "readiness-standby-1", "readiness-standby-replica");
  }

  @Test
  void aMissingStandbyReplicaFailsNamingTheCommandThatCreatesIt(
      WorkflowClient client, Worker worker) {
    standby.exists = false;
    ServiceReadiness payments =
        evaluate(client, worker, "readiness-standby-2", "payments").services().get(0);
    ReadinessCheck replica =
        checks(payments).get("standby replica mycomputer-payments-db-replica (eu-central-1)");
    assertEquals(CheckVerdict.FAIL, replica.verdict());
    assertTrue(replica.found().contains("dr standby-instantiate --apply"), replica.found());
    assertFalse(
        payments.predictedRpoBasis().startsWith("standby replica"), payments.predictedRpoBasis());
  }

  @Test
  void aStandbyWithoutALagDatapointFailsAndDoesNotSetThePredictedRpo(
      WorkflowClient client, Worker worker) {
    standby.lag = dev.drrunbooks.activities.rds.ReplicaLag.noData();
    ServiceReadiness payments =
        evaluate(client, worker, "readiness-standby-3", "payments").services().get(0);
    ReadinessCheck replica =
        checks(payments).get("standby replica mycomputer-payments-db-replica (eu-central-1)");
    assertEquals(CheckVerdict.FAIL, replica.verdict());
    assertTrue(replica.found().endsWith("; no ReplicaLag datapoint"), replica.found());
  }

  @Test
  void aPromotedStandbyFailsSayingTheServiceRunsFromItAndWhatBringsTheCatalogsLayoutBack(
      WorkflowClient client, Worker worker) {
    standby.promoted = true;
    ServiceReadiness payments =
        evaluate(client, worker, "readiness-standby-promoted", "payments").services().get(0);
    ReadinessCheck replica =
        checks(payments).get("standby replica mycomputer-payments-db-replica (eu-central-1)");
    assertEquals(CheckVerdict.FAIL, replica.verdict());
    assertTrue(replica.found().contains("it is the primary now"), replica.found());
    assertTrue(
        replica.found().contains("Next: dr standby-replicate --service payments"), replica.found());
    assertTrue(replica.found().contains("--failback"), replica.found());
  }

  /** What the DR recovery point check found it to be, between the parentheses. */
  private static String drSource(ServiceReadiness s) {
    String found = checks(s).get("recovery point in eu-central-1").found();
    return found.substring(found.indexOf('(') + 1, found.length() - 1);
  }

  /**
   * Issue 15, trial finding 1: Customer Base, Critical, has no catalog schedule that drills it, so
   * it had no evidence check at all and read ready without one. Its backups are validated by the
   * weekly fleet validation of all services (issue 16), whose evidence the ledger lacks yet.
   */
  @Test
  void aServiceNoScheduleDrillsFailsItsDrillEvidenceCheck(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ledger.lastPassing.add(
        new dev.drrunbooks.activities.ledger.LastPassingRun(
            "dr-drill",
            "customer-base",
            "dr-drill-customer-base-1",
            now.minus(Duration.ofDays(3))));

    ServiceReadiness customerBase =
        evaluate(client, worker, "readiness-customer-base-1", "customer-base").services().get(0);

    Map<String, ReadinessCheck> checks = checks(customerBase);
    assertEquals(
        new ReadinessCheck(
            "customer-base",
            "last passing dr-drill",
            "a catalog schedule runs it",
            "no schedule covers customer-base; newest passing run 3d ago"
                + " (dr-drill-customer-base-1)",
            CheckVerdict.FAIL),
        checks.get("last passing dr-drill"),
        "a passing drill three days ago promises nothing about the next");
    assertEquals(
        new ReadinessCheck(
            "customer-base",
            "last passing backup-validation",
            "within 8d (schedule weekly-backup-validation)",
            "none in the ledger",
            CheckVerdict.FAIL),
        checks.get("last passing backup-validation"));
    assertFalse(customerBase.ready());
  }

  @Test
  void aBucketFurtherBehindThanTheDatabaseSetsThePredictedRpoAndFailsAboveTheRpo(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(now.minus(Duration.ofDays(7)), now.minus(Duration.ofMinutes(4))));
    assetsReplicateWithLatency(17 * 60 + 30.4);

    ReadinessResult r = evaluate(client, worker, "readiness-s3-latency", "inventory");
    ServiceReadiness inventory = r.services().get(0);

    ReadinessCheck assets = checks(inventory).get("S3 replication of mycomputer-assets");
    assertEquals(CheckVerdict.FAIL, assets.verdict(), assets.toString());
    assertEquals("at most 17m 30s behind over the last 15m", assets.found());
    assertEquals(
        "bucket mycomputer-assets: replication latency 17m 30s", inventory.predictedRpoBasis());
    assertEquals(
        Duration.ofSeconds(17 * 60 + 30, 400_000_000),
        inventory.predictedRpo(),
        "the bucket, 17m 30s behind, loses more than the database's 4m");
    MetricQuery asked = regions.metricQueries.get(0);
    assertEquals(1, regions.metricQueries.size());
    assertEquals("eu-central-1", asked.region(), "published in the destination's region");
    assertEquals(
        "AWS/S3 ReplicationLatency (DestinationBucket=mycomputer-assets-dr,"
            + " RuleId=ReplicateAll, SourceBucket=mycomputer-assets) in eu-central-1",
        asked.describe());
    assertEquals(r.evaluatedAt(), asked.end());
    assertEquals(r.evaluatedAt().minus(Duration.ofMinutes(15)), asked.start());
    assertEquals(Duration.ofMinutes(1), asked.period());
    Histories.record(client, "readiness-s3-latency", "readiness-s3-replication");
  }

  @Test
  void aBucketWithinTheRpoPassesAtTheRpoItself(WorkflowClient client, Worker worker) {
    assetsReplicateWithLatency(15 * 60.0);

    ReadinessCheck assets =
        checks(evaluate(client, worker, "readiness-s3-at-rpo", "inventory").services().get(0))
            .get("S3 replication of mycomputer-assets");

    assertEquals(CheckVerdict.PASS, assets.verdict(), assets.toString());
    assertEquals("at most 15m behind over the last 15m", assets.found());
  }

  @Test
  void aRuleWithoutMetricsIsUnknownAndSaysHowToEnableThem(WorkflowClient client, Worker worker) {
    assetsRule("Enabled", null, "Disabled");

    ReadinessCheck assets =
        checks(evaluate(client, worker, "readiness-s3-no-metrics", "inventory").services().get(0))
            .get("S3 replication of mycomputer-assets");

    assertEquals(CheckVerdict.UNKNOWN, assets.verdict(), assets.toString());
    assertEquals(
        "no ReplicationLatency metric: rule ReplicateAll has neither S3 Replication Time Control"
            + " nor replication metrics enabled; enable them on the rule (dr backup-policy"
            + " --service inventory --apply writes it with both)",
        assets.found());
    assertTrue(regions.metricQueries.isEmpty(), "no metric to read");
  }

  @Test
  void noDatapointIsUnknownNotPassingAndADisabledRuleFails(WorkflowClient client, Worker worker) {
    assetsRule("Enabled", 15, "Enabled");

    ServiceReadiness quiet =
        evaluate(client, worker, "readiness-s3-quiet", "inventory").services().get(0);

    ReadinessCheck assets = checks(quiet).get("S3 replication of mycomputer-assets");
    assertEquals(CheckVerdict.UNKNOWN, assets.verdict(), assets.toString());
    assertEquals(
        "no ReplicationLatency datapoint in the last 15m in eu-central-1: S3 publishes it only"
            + " while objects replicate, from 15 minutes after the rule's metrics are enabled",
        assets.found());

    assetsRule("Disabled", 15, "Enabled");
    assetsLatency(30.0);
    ReadinessCheck disabled =
        checks(evaluate(client, worker, "readiness-s3-disabled", "inventory").services().get(0))
            .get("S3 replication of mycomputer-assets");
    assertEquals(CheckVerdict.FAIL, disabled.verdict(), disabled.toString());
    assertEquals("rule ReplicateAll is Disabled", disabled.found());
  }

  @Test
  void theRunsCurrentDetailsTableTheServicesItChecked(WorkflowClient client, Worker worker) {
    assetsReplicateWithLatency(90.0);
    ReadinessResult r = evaluate(client, worker, "readiness-ui-details", "inventory");

    String details =
        client
            .newUntypedWorkflowStub("readiness-ui-details")
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();

    assertEquals(
        "**Phase:** done\n\n**Result:** "
            + r.summary()
            + "\n\n"
            + "| Service | Ready | Failing checks | Predicted RTO p90 / objective | Predicted RPO /"
            + " objective |\n"
            + "| --- | --- | --- | --- | --- |\n"
            + "| inventory | **no** | "
            + r.services().get(0).failing().size()
            + ": backup policy: rds:mycomputer-inventory-db backup-retention-days, backup policy:"
            + " rds:mycomputer-inventory-db preferred-backup-window, backup policy:"
            + " rds:mycomputer-inventory-db iam-database-authentication and "
            + (r.services().get(0).failing().size() - 3)
            + " more | insufficient evidence / 30m | no figure (no DR recovery point in"
            + " eu-central-1) / 15m |",
        details);
  }

  @Test
  void theTableGrowsAsServicesAreChecked(WorkflowClient client, Worker worker) {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    regions.beforeMetric =
        q ->
            seen.add(
                client
                    .newUntypedWorkflowStub("readiness-ui-progress")
                    .query("__temporal_workflow_metadata", WorkflowMetadata.class)
                    .getCurrentDetails());

    ReadinessResult r = evaluate(client, worker, "readiness-ui-progress", "all");

    assertEquals(
        List.of("customer-base", "inventory", "locations", "payments"),
        r.services().stream().map(ServiceReadiness::service).toList());
    assertEquals(2, seen.size(), "customer-base's and payments' buckets replicate: " + seen);
    assertEquals("**Phase:** check", seen.get(0), "nothing checked yet");
    String last = seen.get(1);
    assertTrue(last.startsWith("**Phase:** check\n\n**Checked:** 3 of 4 service(s)\n\n"), last);
    for (String done : List.of("customer-base", "inventory", "locations"))
      assertTrue(last.contains("\n| " + done + " | **no** | "), last);
    assertFalse(last.contains("| payments |"), "not checked yet: " + last);
  }

  @Test
  void replicatedBackupsOlderThanTheRpoFail(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(now.minus(Duration.ofDays(7)), now.minus(Duration.ofHours(2))));

    ServiceReadiness inventory =
        evaluate(client, worker, "readiness-inventory-3", "inventory").services().get(0);

    assertEquals(
        CheckVerdict.FAIL, checks(inventory).get("recovery point in eu-central-1").verdict());
  }

  @Test
  void theStandbysServiceRecordHealthCheckAndAlarmAreChecked(WorkflowClient client, Worker worker) {
    ServiceReadiness payments =
        evaluate(client, worker, "readiness-payments-1", "payments").services().get(0);

    Map<String, ReadinessCheck> checks = checks(payments);
    ReadinessCheck service =
        checks.values().stream()
            .filter(c -> c.check().startsWith("ECS service"))
            .findFirst()
            .orElseThrow();
    assertEquals(CheckVerdict.PASS, service.verdict(), service.toString());
    ReadinessCheck record =
        checks.values().stream()
            .filter(c -> c.check().startsWith("DNS record"))
            .findFirst()
            .orElseThrow();
    assertEquals(CheckVerdict.PASS, record.verdict(), record.toString());
  }

  @Test
  void aStandbyServiceOnAnotherTaskDefinitionFails(WorkflowClient client, Worker worker) {
    var spec = CATALOG.services().get("payments").ecs();
    String key = "eu-central-1/" + spec.drCluster() + "/" + spec.service();
    var s = ecs.services.get(key);
    ecs.services.put(
        key,
        new dev.drrunbooks.activities.ecs.EcsServiceState(
            s.cluster(),
            s.service(),
            FakeEcs.arn("eu-central-1", spec.service(), 1),
            0,
            0,
            0,
            1,
            "ACTIVE"));

    ServiceReadiness payments =
        evaluate(client, worker, "readiness-payments-2", "payments").services().get(0);

    ReadinessCheck service =
        payments.checks().stream()
            .filter(c -> c.check().startsWith("ECS service"))
            .findFirst()
            .orElseThrow();
    assertEquals(CheckVerdict.FAIL, service.verdict(), service.toString());
    assertFalse(payments.ready());
  }

  @Test
  void aForecastAboveTheObjectiveMakesTheServiceNotReadyNamingTheDominatingStep(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    // payments (strategy replica) waits on its standby's gate, the promotion, the pointer's move,
    // its ECS service and one shift (catalog: stages [100]; the standby's gate covers it)
    int[] promotion = {12, 13, 14, 15, 16, 17};
    for (int i = 0; i < promotion.length; i++) {
      Instant at = now.minus(Duration.ofDays(10 + i));
      ledger.samples.add(
          new StepSample(StepKind.RDS_PROMOTION, "payments", at, Duration.ofMinutes(promotion[i])));
      ledger.samples.add(
          new StepSample(StepKind.POINTER_MOVE, "payments", at, Duration.ofSeconds(30)));
      ledger.samples.add(
          new StepSample(StepKind.ECS_STEADY, "payments", at, Duration.ofMinutes(2)));
      ledger.samples.add(new StepSample(StepKind.APPROVAL, "payments", at, Duration.ofMinutes(3)));
      ledger.samples.add(new StepSample(StepKind.DNS_SHIFT, "payments", at, Duration.ofMinutes(1)));
    }
    ledger.samples.add(
        new StepSample(
            StepKind.RDS_PROMOTION,
            "payments",
            now.minus(Duration.ofDays(400)),
            Duration.ofHours(5)));

    ReadinessResult result = evaluate(client, worker, "readiness-payments-3", "payments");
    ServiceReadiness payments = result.services().get(0);

    RtoForecast rto = payments.rto();
    assertEquals(RtoForecast.Verdict.AT_RISK, rto.verdict());
    assertEquals(StepKind.RDS_PROMOTION, rto.dominating());
    // p90: approval 3 + promotion 17 (rank 6 of 6: the 400-day-old sample is outside the year)
    // + pointer 0.5 + ECS 2 + shift 1
    assertEquals(Duration.ofMinutes(23).plusSeconds(30), rto.p90());
    assertEquals(6, rto.steps().get(1).samples());
    assertFalse(payments.ready());
    assertTrue(
        ReadinessResult.why(payments)
            .contains(
                "predicted RTO at risk, dominated by read replica promotion until it accepts"
                    + " writes"),
        ReadinessResult.why(payments));
    assertEquals(
        result.evaluatedAt().minus(ReadinessEvaluationWorkflowImpl.FORECAST_WINDOW),
        ledger.askedSince,
        "a year back from the evaluation");
  }

  @Test
  void aRecentPassingDrillAndValidationPassAndAnOldOneFails(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    ledger.lastPassing.add(
        new dev.drrunbooks.activities.ledger.LastPassingRun(
            "dr-drill", "inventory", "dr-drill-inventory-1", now.minus(Duration.ofDays(20))));
    ledger.lastPassing.add(
        new dev.drrunbooks.activities.ledger.LastPassingRun(
            "backup-validation",
            "inventory",
            "backup-validation-inventory-1",
            now.minus(Duration.ofDays(9))));

    Map<String, ReadinessCheck> checks =
        checks(evaluate(client, worker, "readiness-inventory-4", "inventory").services().get(0));

    ReadinessCheck drill = checks.get("last passing dr-drill");
    assertEquals(CheckVerdict.PASS, drill.verdict(), drill.toString());
    assertEquals("within 38d (schedule monthly-dr-drill)", drill.expected());
    assertEquals("20d ago (dr-drill-inventory-1)", drill.found());
    ReadinessCheck validation = checks.get("last passing backup-validation");
    assertEquals(CheckVerdict.FAIL, validation.verdict(), "weekly + 1d catch-up is 8 days");
    assertEquals("within 8d (schedule weekly-backup-validation)", validation.expected());
  }
}
