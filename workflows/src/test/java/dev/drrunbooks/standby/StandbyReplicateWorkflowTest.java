package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.AnsweringAs;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replicate-back of Payments after its standby failover: the old primary replaced behind its
 * gate, then the reverse replica made where it lived; refusals that change nothing: an old primary
 * in the way, one the catalog keeps, a gate that says no, a standby never promoted, a name taken by
 * another replica; a second run resumes at the wait.
 */
class StandbyReplicateWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyReplicateWorkflowImpl.class);

  private final FakeReplicateWorld world = new FakeReplicateWorld();

  private void start(TestWorkflowEnvironment env, Worker worker, FakeCatalog catalog) {
    worker.registerActivitiesImplementations(world, catalog, new FakeLocks());
    env.start();
  }

  @Test
  void theReplaceableOldPrimaryGoesBehindTheGateThenTheReverseReplicaTakesItsPlace(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    start(env, worker, new FakeCatalog());
    StandbyReplicateWorkflow wf = atTheGate(client, worker, "standby-replicate-replace", false);
    assertTrue(wf.status().detail().contains("final snapshot"), wf.status().detail());
    assertEquals(List.of(), world.calls, "nothing deleted before the gate");
    StandbyReplicateResult r =
        approvedByTwo(client, wf, "standby-replicate-replace", "eu-west-1 is back");

    assertEquals(StandbyReplicateOutcome.REPLICATING, r.outcome(), r.summary());
    assertEquals(2, world.calls.size(), world.calls.toString());
    assertTrue(
        world
            .calls
            .get(0)
            .startsWith(
                "delete mycomputer-payments-db ("
                    + FakeReplicateWorld.PRIMARY_ARN
                    + ") for "
                    + FakeReplicateWorld.REPLICA_ARN
                    + " keep mycomputer-payments-db-final-"),
        world.calls.get(0));
    assertEquals("create mycomputer-payments-db in eu-west-1", world.calls.get(1));
    ReplicaRequest request = world.created.get(0);
    assertEquals("eu-central-1", request.sourceRegion());
    assertEquals(FakeReplicateWorld.REPLICA, request.sourceInstanceId());
    assertEquals(FakeReplicateWorld.OLD_PLACEMENT.subnetGroup(), request.subnetGroup());
    assertEquals(FakeReplicateWorld.OLD_PLACEMENT.securityGroupIds(), request.securityGroupIds());
    assertEquals(FakeReplicateWorld.OLD_PLACEMENT.kmsKeyId(), request.kmsKeyId());
    assertEquals(
        FakeReplicateWorld.OLD_PLACEMENT.tags(), request.tags(), "the old primary's own tags kept");
    assertEquals("standby-replicate", request.owner().procedure());
    assertEquals(List.of("eu-central-1"), world.pointerReads, "where the failover moved it");
    assertTrue(r.oldPrimary().startsWith("deleted (final snapshot"), r.oldPrimary());
    assertTrue(r.summary().contains("(the old primary's)"), r.summary());
    assertEquals(1.0, r.lag().seconds());
    Histories.record(client, "standby-replicate-replace", "standby-replicate-replace");
  }

  @Test
  void anOldPrimaryThePointerStillNamesIsNeverOfferedForDeletion(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    // After a failback, a replicate-back without --failback: the tags look as after the failover,
    // but the application is back on the catalog's primary.
    world.pointerValue = FakeStandbyWorld.PRIMARY_ENDPOINT;
    start(env, worker, new FakeCatalog());
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-in-use")
                    .run(new StandbyReplicateInput("payments", true, null, null, null)));
    assertEquals("OldPrimaryInUse", Failures.rootType(e));
    assertTrue(Failures.rootMessage(e).contains("with --failback"), Failures.rootMessage(e));
    assertEquals(List.of(), world.calls, "nothing deleted, no gate asked");
    Histories.record(client, "standby-replicate-in-use", "standby-replicate-pointer-guard");
  }

  @Test
  void anOldPrimaryInTheWayStopsTheRunUnlessItIsAskedToReplaceIt(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    start(env, worker, new FakeCatalog());
    StandbyReplicateResult r =
        stub(client, worker, "standby-replicate-stop").run(StandbyReplicateInput.of("payments"));
    assertEquals(StandbyReplicateOutcome.OLD_PRIMARY_IN_THE_WAY, r.outcome());
    assertTrue(r.summary().contains("replaceOldPrimary"), r.summary());
    assertEquals(List.of(), world.calls, "nothing deleted, nothing created");
  }

  @Test
  void anOldPrimaryTheCatalogKeepsIsRefusedAndNothingIsDeleted(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    start(
        env,
        worker,
        new FakeCatalog(
            CatalogFixture.parse(
                CatalogFixture.text().replace("oldPrimary: replaceable", "oldPrimary: keep"))));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-kept")
                    .run(new StandbyReplicateInput("payments", true, null, null, null)));
    assertEquals("OldPrimaryKept", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("recovery.oldPrimary: keep"), Failures.rootMessage(e));
    assertEquals(List.of(), world.calls);
  }

  @Test
  void aGateThatSaysNoDeletesNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    start(env, worker, new FakeCatalog());
    StandbyReplicateWorkflow wf = atTheGate(client, worker, "standby-replicate-abort", false);
    AnsweringAs.stub(
            client, "operator:sre-bob", StandbyReplicateWorkflow.class, "standby-replicate-abort")
        .abort(new Approval(StandbyReplicateWorkflowImpl.GATE_STEP, "sre-bob", "keep it"));
    StandbyReplicateResult r = WorkflowStub.fromTyped(wf).getResult(StandbyReplicateResult.class);
    assertEquals(StandbyReplicateOutcome.ABORTED, r.outcome());
    assertEquals(List.of(), world.calls);
  }

  @Test
  void nobodyAnsweringTheGateDeletesNothingEither(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    start(env, worker, new FakeCatalog());
    StandbyReplicateResult r =
        stub(client, worker, "standby-replicate-silence")
            .run(new StandbyReplicateInput("payments", true, null, "5m", null));
    assertEquals(StandbyReplicateOutcome.ABORTED, r.outcome(), r.summary());
    assertEquals(List.of(), world.calls);
  }

  @Test
  void withTheOldPrimaryGoneTheCatalogMustSayWhereTheReverseReplicaGoes(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.oldPrimaryThere = false;
    start(env, worker, withoutPrimaryRegionRestore());
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-nowhere")
                    .run(StandbyReplicateInput.of("payments")));
    assertEquals("ReverseReplicaPlacementUnknown", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("database.restore.subnetGroup"), Failures.rootMessage(e));
    assertEquals(List.of(), world.calls);
  }

  @Test
  void anOldPrimaryWithoutASubnetGroupIsRefusedBeforeTheGateNothingDeleted(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.placement =
        new dev.drrunbooks.activities.rds.Placement(null, List.of("sg-1"), null, "db.t3.micro");
    start(env, worker, withoutPrimaryRegionRestore());
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-unplaced")
                    .run(new StandbyReplicateInput("payments", true, null, null, null)));
    assertEquals("ReverseReplicaPlacementUnknown", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("names no DB subnet group"), Failures.rootMessage(e));
    assertEquals(List.of(), world.calls, "the old primary is still there");
  }

  @Test
  void anOldPrimaryWithoutASubnetGroupLeavesTheReverseReplicaToTheCatalogsRestorePlacement(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.placement =
        new dev.drrunbooks.activities.rds.Placement(null, List.of("sg-1"), null, "db.t3.micro");
    start(env, worker, new FakeCatalog());
    StandbyReplicateWorkflow wf =
        atTheGate(client, worker, "standby-replicate-catalog-placed", false);
    StandbyReplicateResult r =
        approvedByTwo(client, wf, "standby-replicate-catalog-placed", "eu-west-1 is back");

    assertEquals(StandbyReplicateOutcome.REPLICATING, r.outcome(), r.summary());
    ReplicaRequest request = world.created.get(0);
    assertEquals("mycomputer-prod-db", request.subnetGroup(), "Payments' database.restore");
    assertEquals(List.of("sg-0e4d3c2b1a0f98765"), request.securityGroupIds());
    assertNull(request.kmsKeyId(), "nothing of the old primary's half-known placement");
    assertTrue(
        r.summary()
            .contains(
                "placed in subnet group mycomputer-prod-db, security groups [sg-0e4d3c2b1a0f98765]"
                    + " (the catalog's database.restore: the old primary names no DB subnet"
                    + " group)"),
        r.summary());
  }

  @Test
  void aSecondRunFindsTheReverseReplicaAndOnlyWaits(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.reverseSource = FakeReplicateWorld.REPLICA_ARN;
    start(env, worker, new FakeCatalog());
    StandbyReplicateResult r =
        stub(client, worker, "standby-replicate-again").run(StandbyReplicateInput.of("payments"));
    assertEquals(StandbyReplicateOutcome.REPLICATING, r.outcome());
    assertEquals(List.of(), world.calls, "nothing deleted, nothing created again");
    assertNull(r.approval());
  }

  @Test
  void aStandbyNeverPromotedOrANameTakenByAnotherReplicaIsRefused(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.promoted = false;
    start(env, worker, new FakeCatalog());
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-unpromoted")
                    .run(StandbyReplicateInput.of("payments")));
    assertEquals("NoPromotedStandby", Failures.rootType(e));

    world.promoted = true;
    world.reverseSource = "arn:aws:rds:eu-west-1:123456789012:db:someone-else";
    e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-taken")
                    .run(StandbyReplicateInput.of("payments")));
    assertEquals("ReverseReplicaConflict", Failures.rootType(e));
    assertEquals(List.of(), world.calls);
  }

  /** The DR key the catalog names for Payments' replicated backups (drReplication.kmsKeyId). */
  private static final String DR_KEY =
      "arn:aws:kms:eu-central-1:123456789012:key/7c2e9a41-5b3d-4e8f-a1c6-0d9b8e7f6a52";

  @Test
  void failingBackTheDrInstanceGoesBehindTheGateAndTheStandbyIsCreatedThereByDrRestore(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.failingBack();
    world.placement =
        new dev.drrunbooks.activities.rds.Placement(null, List.of("sg-1"), null, "db.t3.micro");
    start(env, worker, new FakeCatalog());
    StandbyReplicateWorkflow wf = atTheGate(client, worker, "standby-replicate-failback", true);
    assertTrue(
        wf.status().detail().contains("delete the old primary " + FakeReplicateWorld.REPLICA),
        wf.status().detail());
    assertEquals(List.of(), world.calls, "nothing deleted before the gate");
    assertEquals(List.of("eu-central-1"), world.pointerReads, "where the failback moved it");
    StandbyReplicateResult r =
        approvedByTwo(client, wf, "standby-replicate-failback", "failed back to eu-west-1");

    assertEquals(StandbyReplicateOutcome.REPLICATING, r.outcome(), r.summary());
    assertEquals(2, world.calls.size(), world.calls.toString());
    assertTrue(
        world
            .calls
            .get(0)
            .startsWith(
                "delete mycomputer-payments-db-replica ("
                    + FakeReplicateWorld.REPLICA_ARN
                    + ") for "
                    + FakeReplicateWorld.PRIMARY_ARN
                    + " keep mycomputer-payments-db-replica-final-"),
        world.calls.get(0));
    assertEquals("create mycomputer-payments-db-replica in eu-central-1", world.calls.get(1));
    ReplicaRequest request = world.created.get(0);
    assertEquals("eu-west-1", request.sourceRegion());
    assertEquals(FakeReplicateWorld.PRIMARY, request.sourceInstanceId());
    assertEquals("mycomputer-dr-db", request.subnetGroup(), "Payments' database.drRestore");
    assertEquals(List.of("sg-0a1b2c3d4e5f60718"), request.securityGroupIds());
    assertEquals(DR_KEY, request.kmsKeyId(), "database.backup.drReplication.kmsKeyId");
    assertEquals("mycomputer-payments-db-replica (eu-central-1)", r.reverseReplica());
    assertEquals("mycomputer-payments-db (eu-west-1)", r.newPrimary());
    assertTrue(r.summary().startsWith("Failed back"), r.summary());
    assertTrue(
        r.summary()
            .contains(
                "(the catalog's database.drRestore: the old primary names no DB subnet group)"),
        r.summary());
    Histories.record(client, "standby-replicate-failback", "standby-replicate-failback");
  }

  @Test
  void failingBackRefusesWhileThePointerNamesTheDrInstanceOrBeforeTheFailbackFailover(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    world.failingBack();
    world.pointerValue = FakeStandbyWorld.REPLICA_ENDPOINT; // a later failover, no failback
    start(env, worker, new FakeCatalog());
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-failback-in-use")
                    .run(new StandbyReplicateInput("payments", true, null, null, true)));
    assertEquals("OldPrimaryInUse", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("dr standby-failover --service payments --failback"),
        Failures.rootMessage(e));
    assertEquals(List.of(), world.calls, "nothing deleted");

    world.promoted = false; // the primary-region instance still replicates: no failback yet
    e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "standby-replicate-failback-early")
                    .run(new StandbyReplicateInput("payments", true, null, null, true)));
    assertEquals("NoPromotedStandby", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("dr standby-failover --service payments --failback"),
        Failures.rootMessage(e));
    assertEquals(List.of(), world.calls);
  }

  private static StandbyReplicateWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        StandbyReplicateWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }

  private static StandbyReplicateWorkflow begin(
      WorkflowClient client, Worker worker, String id, StandbyReplicateInput input) {
    StandbyReplicateWorkflow wf = stub(client, worker, id);
    WorkflowClient.start(wf::run, input);
    return wf;
  }

  /** A replicate-back asked to replace the old primary, waiting at its gate. */
  private static StandbyReplicateWorkflow atTheGate(
      WorkflowClient client, Worker worker, String id, boolean failback) {
    StandbyReplicateWorkflow wf =
        begin(
            client,
            worker,
            id,
            new StandbyReplicateInput("payments", true, null, null, failback ? true : null));
    awaitGate(wf);
    return wf;
  }

  /** Two on-call approvals of the gate, then the run's result. */
  private static StandbyReplicateResult approvedByTwo(
      WorkflowClient client, StandbyReplicateWorkflow wf, String id, String why) {
    approveAsTwo(client, id, why);
    return WorkflowStub.fromTyped(wf).getResult(StandbyReplicateResult.class);
  }

  private static void approveAsTwo(WorkflowClient client, String id, String why) {
    for (String who : List.of("sre-alice", "sre-bob"))
      AnsweringAs.stub(client, "operator:" + who, StandbyReplicateWorkflow.class, id)
          .approve(new Approval(StandbyReplicateWorkflowImpl.GATE_STEP, who, why));
  }

  private static void awaitGate(StandbyReplicateWorkflow wf) {
    for (int i = 0; i < 200; i++) {
      if (wf.status().waitingFor() != null) return;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the run never reached the gate: " + wf.status());
  }

  /**
   * The repository's catalog without Payments' database.restore (the primary region's placement).
   */
  private static FakeCatalog withoutPrimaryRegionRestore() {
    String text = CatalogFixture.text();
    String line =
        "      restore: { subnetGroup: mycomputer-prod-db, securityGroupIds: [sg-0e4d3c2b1a0f98765]"
            + " }\n";
    assertTrue(text.contains(line), "Payments' database.restore, as the catalog has it");
    return new FakeCatalog(CatalogFixture.parse(text.replace(line, "")));
  }
}
