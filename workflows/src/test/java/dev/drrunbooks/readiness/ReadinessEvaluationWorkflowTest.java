package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.backuppolicy.FakeAwsWorld;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.restore.FakeRds;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
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

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    policyWorld = FakeAwsWorld.likeTheSandbox(CATALOG);
    worker.registerActivitiesImplementations(policyWorld, rds, ecs, regions);
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
    assertEquals("1 of 1 service(s) not ready: inventory (7 checks failing)", r.summary());
    Histories.record(client, "readiness-inventory-1", "readiness-inventory");
  }

  @Test
  void replicatedBackupsWithinTheRpoPassAndGiveThePredictedRpo(
      WorkflowClient client, Worker worker, TestWorkflowEnvironment env) {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
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
}
