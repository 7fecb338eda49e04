package dev.drrunbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.replay.ScheduledActivities;
import dev.drrunbooks.restore.FakeRds;
import dev.drrunbooks.runcleanup.ChildClosePolicies;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflowImpl;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DrDrillWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(DrDrillWorkflowImpl.class, SnapshotRestoreWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();
  private final FakeEcs ecs = new FakeEcs();
  private final FakeRegions http = new FakeRegions();
  private final FakeCloudFormation cfn = new FakeCloudFormation(rds, ecs);

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, ecs, http, cfn, new FakeCatalog());
    env.start();
  }

  @Test
  void aDrillThatPassesLeavesNothingBehind(WorkflowClient client, Worker worker) {
    freshSnapshot();
    DrDrillResult result =
        stub(client, worker, "dr-drill-inventory-1").run(DrDrillInput.of("inventory"));

    assertTrue(result.passed(), result.summary());
    ServiceDrill inventory = result.services().get(0);
    assertEquals("inventory-snapshot-newest", inventory.snapshotId());
    assertTrue(inventory.validation().passed());
    assertEquals("HEALTHY", inventory.smoke().verdict().name());
    assertEquals(
        drillUrl("dr-drill-inventory-1"),
        inventory.smoke().url(),
        "the drill's own deployment, not production");
    assertEquals(List.of(), List.copyOf(ecs.clusters), "the stack's cluster was deleted by name");
    assertTrue(inventory.steps().size() >= 4, inventory.steps().toString());
    assertEquals(List.of(), result.leftovers());
    assertTrue(
        rds.protections.size() == 1 && rds.protections.get(0).contains(" validation from "),
        "the drill's copy is a validation copy, never protected: " + rds.protections);
    assertEquals(List.of(), cfn.ownedResources("eu-west-1", "dr-drill-inventory-1"));
    assertEquals(List.of("eu-west-1/mycomputer-production/inventory-drill"), ecs.created);
    assertEquals(List.of("eu-west-1/mycomputer-production/inventory-drill"), ecs.deleted);
    assertTrue(
        result.cleanup().stream().anyMatch(c -> c.resource().startsWith("stack:")),
        result.cleanup().toString());
    assertEquals("reports/dr-drill-inventory-1/report.html", result.reportLocation());
    assertEquals(1, cfn.reports.size());
    assertTrue(cfn.reports.get(0).passed());
    // terminating the drill cancels the restore, whose clean-up then runs
    assertEquals(
        List.of("dr-drill-inventory-1-restore-inventory REQUEST_CANCEL"),
        ChildClosePolicies.of(client, "dr-drill-inventory-1"));
    Histories.record(client, "dr-drill-inventory-1", "dr-drill-own-deployment-passed");
    // the stack and ECS waits polled one attempt at a time (Polls.STACK_/ECS_CHANGE_ID version 1)
    Histories.record(client, "dr-drill-inventory-1", "dr-drill-waits-polled");
    List<String> waits =
        ScheduledActivities.of(client, "dr-drill-inventory-1").stream()
            .filter(t -> t.contains("Await") || t.contains("Poll"))
            .toList();
    assertEquals(List.of("CfnPollStackCreated", "EcsPollSteadyOn", "CfnPollStackDeleted"), waits);
  }

  @Test
  void productionBeingDownDoesNotFailTheDrill(WorkflowClient client, Worker worker) {
    freshSnapshot();
    http.healthy.put("https://api.mycomputer.com/health", false);
    DrDrillResult result =
        stub(client, worker, "dr-drill-prod-down").run(DrDrillInput.of("inventory"));
    assertTrue(result.passed(), result.summary());
    assertEquals(drillUrl("dr-drill-prod-down"), result.services().get(0).smoke().url());
  }

  @Test
  void theDrillsOwnEndpointBeingDownFailsTheDrillAndCleansUp(WorkflowClient client, Worker worker) {
    freshSnapshot();
    http.healthy.put(drillUrl("dr-drill-smoke"), false);
    DrDrillResult result = stub(client, worker, "dr-drill-smoke").run(DrDrillInput.of("inventory"));
    assertFalse(result.passed());
    assertTrue(
        result.services().get(0).failure().startsWith("smoke test failed"),
        result.services().get(0).failure());
    assertEquals(List.of(), cfn.ownedResources("eu-west-1", "dr-drill-smoke"));
  }

  @Test
  void aDrillThatBreachesItsRpoIsFailedNotPassed(WorkflowClient client, Worker worker) {
    // the newest snapshot is 2 hours old; Inventory's RPO is 15 minutes
    DrDrillResult result = stub(client, worker, "dr-drill-rpo").run(DrDrillInput.of("inventory"));
    assertFalse(result.passed(), result.summary());
    ServiceDrill inventory = result.services().get(0);
    assertTrue(inventory.objectives().rpo().breached());
    assertTrue(
        inventory.failure().startsWith("RPO breached: 2h achieved, objective 15m"),
        inventory.failure());
    assertTrue(result.summary().startsWith("DR drill FAILED for inventory"), result.summary());
    assertEquals("FAILED", cfn.reports.get(0).outcome(), "the report's verdict");
    assertEquals(List.of(), result.leftovers());
  }

  @Test
  void aDeploymentRolledBackByEcsFailsTheService(WorkflowClient client, Worker worker) {
    freshSnapshot();
    ecs.rollsBackTo.put(
        FakeEcs.arn("eu-west-1", "inventory-service", 3),
        FakeEcs.arn("eu-west-1", "inventory-service", 2));
    DrDrillResult result =
        stub(client, worker, "dr-drill-rollback").run(DrDrillInput.of("inventory"));
    assertFalse(result.passed());
    assertTrue(
        result.services().get(0).failure().contains("rolled back"),
        result.services().get(0).failure());
    assertEquals(List.of(), cfn.ownedResources("eu-west-1", "dr-drill-rollback"));
  }

  @Test
  void theStacksClusterLeftBehindUntaggedIsFoundByItsName(WorkflowClient client, Worker worker) {
    freshSnapshot();
    ecs.keepClusters = true;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub(client, worker, "dr-drill-cluster").run(DrDrillInput.of("inventory")));
    assertTrue(
        Failures.rootMessage(e)
            .contains("ecs-cluster dr-drill-dr-drill-cluster-env (named for this run)"),
        Failures.rootMessage(e));
  }

  @Test
  void aStackThatFailsToCreateEndsTheDrillWithItsEventsAndIsDeleted(
      WorkflowClient client, Worker worker) {
    cfn.failCreation = true;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub(client, worker, "dr-drill-stack").run(DrDrillInput.of("inventory")));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "stack dr-drill-stack-env is ROLLBACK_COMPLETE: DbSubnetGroup " + "CREATE_FAILED"),
        Failures.rootMessage(e));
    assertEquals(List.of(), cfn.ownedResources("eu-west-1", "dr-drill-stack"));
  }

  @Test
  void aRestoreThatFailsFailsTheServiceAndCleansUp(WorkflowClient client, Worker worker) {
    rds.snapshots.clear();
    DrDrillResult result =
        stub(client, worker, "dr-drill-restore").run(DrDrillInput.of("inventory"));
    assertFalse(result.passed());
    assertTrue(
        result.services().get(0).failure().contains("no available snapshot"),
        result.services().get(0).failure());
    assertEquals(List.of(), result.leftovers());
  }

  @Test
  void aDeploymentThatNeverSteadiesFailsTheServiceAndCleansUp(
      WorkflowClient client, Worker worker) {
    ecs.neverSteady.add(FakeEcs.arn("eu-west-1", "inventory-service", 3));
    DrDrillResult result =
        stub(client, worker, "dr-drill-deploy").run(DrDrillInput.of("inventory"));
    assertFalse(result.passed());
    assertTrue(
        result.services().get(0).failure().contains("not steady"),
        result.services().get(0).failure());
    assertEquals(List.of(), cfn.ownedResources("eu-west-1", "dr-drill-deploy"));
    assertEquals(1, rds.deleted.size(), "the restored instance was deleted");
  }

  @Test
  void aDrillCancelledMidRestoreStillCleansUp(WorkflowClient client, Worker worker)
      throws Exception {
    rds.blockInAwait = true;
    DrDrillWorkflow wf = stub(client, worker, "dr-drill-cancel");
    WorkflowClient.start(wf::run, DrDrillInput.of("inventory"));
    assertTrue(rds.waiting.await(30, TimeUnit.SECONDS));

    WorkflowStub.fromTyped(wf).cancel();

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(DrDrillResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    for (int i = 0; i < 100 && !cfn.ownedResources("eu-west-1", "dr-drill-cancel").isEmpty(); i++)
      Thread.sleep(50);
    assertEquals(List.of(), cfn.ownedResources("eu-west-1", "dr-drill-cancel"));
  }

  /** A snapshot 5 minutes old: within Inventory's 15-minute RPO. */
  private void freshSnapshot() {
    rds.snapshot(
        "eu-west-1",
        "inventory-snapshot-newest",
        Instant.now().minus(Duration.ofMinutes(5)),
        "manual");
  }

  /** The catalog's drillHealthUrl for Inventory, resolved for the drill with this workflow id. */
  private static String drillUrl(String workflowId) {
    return "https://drill.mycomputer.com/" + workflowId + "-env/inventory/health";
  }

  private static DrDrillWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        DrDrillWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }
}
