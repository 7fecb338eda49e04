package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.failover.FakeRegions;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standby failover's paths against the catalog's Payments (strategy replica, RPO 0, RTO 15 min,
 * an approval gate): a planned failover, an unplanned one with its data-loss window measured, a lag
 * above the RPO refused at the gate, a promotion that never completes, a pointer someone else
 * moved, a resumed run, an aborted gate.
 */
class StandbyFailoverWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyFailoverWorkflowImpl.class);

  private final FakeStandbyWorld world = new FakeStandbyWorld();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(
        world, new FakeRegions(), new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void aPlannedFailoverPromotesMovesThePointerAndReportsRtoAndRpo(
      WorkflowClient client, Worker worker) {
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failover-planned", null);
    awaitGate(wf);
    assertTrue(
        wf.status().detail().contains("ReplicaLag 0 s"), "the gate shows the lag: " + wf.status());
    approveAsTwo(client, wf, "planned switchover");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome());
    assertEquals(
        List.of(
            "lag " + FakeStandbyWorld.REPLICA,
            "lag " + FakeStandbyWorld.REPLICA,
            "promote "
                + FakeStandbyWorld.REPLICA
                + " from "
                + FakeStandbyWorld.PRIMARY_ARN
                + " keep 30",
            "pointer "
                + FakeStandbyWorld.PRIMARY_ENDPOINT
                + " -> "
                + FakeStandbyWorld.REPLICA_ENDPOINT,
            "checks on " + FakeStandbyWorld.REPLICA + " 1"),
        world.calls,
        "the lag read again at the promotion; the catalog's retention kept; the integrity check"
            + " run, the source comparison not");
    assertEquals(FakeStandbyWorld.REPLICA_ENDPOINT, r.endpoint());
    assertEquals(Duration.ZERO, r.rpo().achieved(), "the lag when the promotion was requested");
    assertFalse(r.rpo().breached());
    assertEquals(Duration.ofMinutes(15), r.rto().objective());
    assertNotNull(r.rto().achieved());
    assertTrue(r.pointer().changed());
    assertTrue(r.checks().passed());
    assertTrue(r.summary().startsWith("Promoted " + FakeStandbyWorld.REPLICA), r.summary());
    assertTrue(
        r.summary().contains("; recovered in " + r.rto().achieved().toSeconds() + " s (RTO 15m)"),
        r.summary());
    Histories.record(client, "standby-failover-planned", "standby-failover-planned");
  }

  @Test
  void anUnplannedFailoverWithAcceptedDataLossReportsTheMeasuredWindow(
      WorkflowClient client, Worker worker) {
    world.primaryReachable = false;
    world.lag = new ReplicaLag(41.2, Instant.parse("2026-12-03T10:00:00Z"), 2);
    StandbyFailoverWorkflow wf =
        start(
            client,
            worker,
            "standby-failover-unplanned",
            new StandbyFailoverInput(
                "payments", true, null, null, null, null, null, null, null, null));
    awaitGate(wf);
    assertTrue(wf.status().detail().contains("unplanned failover"), wf.status().detail());
    approveAsTwo(client, wf, "eu-west-1 is down");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome());
    assertEquals(Duration.ofSeconds(42), r.rpo().achieved(), "41.2 s rounded up");
    assertTrue(r.rpo().breached(), "RPO 0 missed by the lag, and reported so");
    assertTrue(r.summary().contains("data-loss window 42 s"), r.summary());
    Histories.record(client, "standby-failover-unplanned", "standby-failover-unplanned");
  }

  @Test
  void aLagAboveTheRpoIsRefusedAtTheGateAndNothingChanges(WorkflowClient client, Worker worker) {
    world.lag = new ReplicaLag(7.0, Instant.parse("2026-12-03T10:00:00Z"), 2);
    StandbyFailoverResult r =
        start(client, worker, "standby-failover-refused", null)
            .run(StandbyFailoverInput.of("payments"));

    assertEquals(StandbyFailoverOutcome.REFUSED, r.outcome());
    assertNull(r.approval(), "refused before anyone was asked");
    assertEquals(List.of("lag " + FakeStandbyWorld.REPLICA), world.calls, "nothing promoted");
    assertTrue(r.summary().contains("loses up to 7 s of writes"), r.summary());
    assertTrue(r.summary().contains("acceptDataLoss"), r.summary());
  }

  @Test
  void anUnknownLagIsRefusedToo(WorkflowClient client, Worker worker) {
    world.primaryReachable = false;
    world.lag = ReplicaLag.noData();
    StandbyFailoverResult r =
        start(client, worker, "standby-failover-unknown-lag", null)
            .run(StandbyFailoverInput.of("payments"));

    assertEquals(StandbyFailoverOutcome.REFUSED, r.outcome());
    assertTrue(r.summary().contains("lag is unknown"), r.summary());
  }

  @Test
  void aPromotionThatNeverCompletesEndsAtTheRtoBudgetSayingWhatIsLeft(
      WorkflowClient client, Worker worker) {
    world.pollsUntilPromoted = -1;
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failover-stuck", null);
    awaitGate(wf);
    approveAsTwo(client, wf, "planned");
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class));

    assertEquals(StandbyProgress.PROMOTION_INCOMPLETE, Failures.rootType(e));
    String message = Failures.rootMessage(e);
    assertTrue(message.contains("promotion of " + FakeStandbyWorld.REPLICA), message);
    assertTrue(message.contains("cannot be undone"), message);
    assertTrue(message.contains("pointer still names the old primary"), message);
    assertTrue(message.contains("it resumes at the pointer"), message);
    assertFalse(
        world.calls.stream().anyMatch(c -> c.startsWith("pointer")), "the pointer was not moved");
  }

  @Test
  void aPointerSomeoneElseMovedIsLeftAndTheRunSaysTheStandbyIsPromoted(
      WorkflowClient client, Worker worker) {
    world.pointerValue = "payments-db-temp.mycomputer.internal";
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failover-pointer", null);
    awaitGate(wf);
    approveAsTwo(client, wf, "planned");
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class));

    assertEquals("PointerNotAsExpected", Failures.rootType(e));
    String message = Failures.rootMessage(e);
    assertTrue(message.contains("payments-db-temp.mycomputer.internal"), message);
    assertTrue(message.contains("accepts writes"), message);
    assertEquals("payments-db-temp.mycomputer.internal", world.pointerValue, "left as it was");
  }

  @Test
  void aRunAfterAPromotionResumesAtThePointer(WorkflowClient client, Worker worker) {
    world.pollsUntilPromoted = 1; // promoted: the first poll finds it accepting writes
    world.replicaSource = null;
    world.replicaTags = Map.of(ReplicaState.PROMOTED_FROM_TAG, FakeStandbyWorld.PRIMARY_ARN);
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failover-resume", null);
    awaitGate(wf);
    approveAsTwo(client, wf, "resume");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome());
    assertFalse(
        world.calls.stream().anyMatch(c -> c.startsWith("promote") || c.startsWith("lag")),
        "no second promotion, no lag to read: " + world.calls);
    assertTrue(r.pointer().changed());
    assertNull(r.rpo().achieved(), "measured by the run that promoted it");
  }

  @Test
  void aRunAfterACompletedFailoverHasNothingToDoAndAsksNoGate(
      WorkflowClient client, Worker worker) {
    world.replicaSource = null;
    world.replicaTags = Map.of(ReplicaState.PROMOTED_FROM_TAG, FakeStandbyWorld.PRIMARY_ARN);
    world.pointerValue = FakeStandbyWorld.REPLICA_ENDPOINT;
    StandbyFailoverResult r =
        start(client, worker, "standby-failover-done", null)
            .run(StandbyFailoverInput.of("payments"));

    assertEquals(StandbyFailoverOutcome.ALREADY_DONE, r.outcome());
    assertNull(r.approval(), "nobody was asked");
    assertNull(r.rto().achieved(), "nothing was recovered by this run");
    assertEquals(List.of(), world.calls, "nothing promoted, moved or checked");
    assertTrue(
        r.summary().contains("Next: dr standby-replicate --service payments --replace-old-primary"),
        "a command that works as written (Payments' old primary is replaceable): " + r.summary());
    assertTrue(r.summary().contains("still available and accepts writes"), r.summary());
  }

  @Test
  void aStandbyWhosePromotionAFailbackSupersededIsRefusedNothingMoved(
      WorkflowClient client, Worker worker) {
    // Failed over at 10:00, failed back at 11:00, not yet replicated back: the DR instance still
    // says promoted-from the primary, and the primary says promoted-from it, later.
    world.replicaSource = null;
    world.replicaTags =
        Map.of(
            ReplicaState.PROMOTED_FROM_TAG,
            FakeStandbyWorld.PRIMARY_ARN,
            ReplicaState.PROMOTED_AT_TAG,
            "2026-12-03T10:00:00Z");
    world.primaryTags =
        Map.of(
            ReplicaState.PROMOTED_FROM_TAG,
            FakeStandbyWorld.REPLICA_ARN,
            ReplicaState.PROMOTED_AT_TAG,
            "2026-12-03T11:00:00Z");
    StandbyFailoverResult stale =
        start(client, worker, "standby-failover-stale", null)
            .run(StandbyFailoverInput.of("payments"));
    assertEquals(StandbyFailoverOutcome.REFUSED, stale.outcome(), stale.summary());
    assertTrue(
        stale
            .summary()
            .contains("dr standby-replicate --service payments --failback --replace-old-primary"),
        stale.summary());
    assertNull(stale.approval(), "nobody was asked");
    assertEquals(List.of(), world.calls, "nothing promoted, moved or checked");
    Histories.record(client, "standby-failover-stale", "standby-failover-superseded-promotion");

    // A later failover (12:00) of a new standby is a resume again.
    world.replicaTags =
        Map.of(
            ReplicaState.PROMOTED_FROM_TAG,
            FakeStandbyWorld.PRIMARY_ARN,
            ReplicaState.PROMOTED_AT_TAG,
            "2026-12-03T12:00:00Z");
    world.pointerValue = FakeStandbyWorld.REPLICA_ENDPOINT;
    StandbyFailoverResult r =
        start(client, worker, "standby-failover-newer", null)
            .run(StandbyFailoverInput.of("payments"));
    assertEquals(StandbyFailoverOutcome.ALREADY_DONE, r.outcome(), r.summary());
  }

  @Test
  void aReplicaOfAnotherSourceIsRefused(WorkflowClient client, Worker worker) {
    world.replicaSource = "arn:aws:rds:eu-west-1:123456789012:db:someone-else";
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failover-other", null);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class));
    assertEquals("StandbyReplicatesOther", Failures.rootType(e));
    assertTrue(world.calls.isEmpty(), world.calls.toString());
  }

  @Test
  void anAbortedGatePromotesNothing(WorkflowClient client, Worker worker) {
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failover-aborted", null);
    awaitGate(wf);
    oncall(client, wf, "operator:sre-bob")
        .abort(new Approval(StandbyFailoverWorkflowImpl.GATE_STEP, "sre-bob", "not yet"));
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.ABORTED, r.outcome());
    assertFalse(
        world.calls.stream().anyMatch(c -> c.startsWith("promote")), world.calls.toString());
    assertNull(r.rto().achieved(), "nothing recovered: no RTO measured, none breached");
    assertFalse(r.rto().breached());
    assertFalse(wf.status().detail().startsWith("waiting"), wf.status().detail());
  }

  /** Failing back: the same failover with the roles swapped, after a replicate-back. */
  private static StandbyFailoverInput failback() {
    return new StandbyFailoverInput(
        "payments", null, null, null, null, null, null, null, null, true);
  }

  @Test
  void failingBackPromotesThePrimaryRegionReplicaAndMovesThePointerBack(
      WorkflowClient client, Worker worker) {
    world.reverse();
    StandbyFailoverWorkflow wf = start(client, worker, "standby-failback", failback());
    awaitGate(wf);
    assertTrue(
        wf.status().detail().contains("promote " + FakeStandbyWorld.PRIMARY + " (eu-west-1)"),
        wf.status().detail());
    approveAsTwo(client, wf, "eu-central-1 back to standby");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome(), r.summary());
    assertEquals(
        List.of(
            "lag " + FakeStandbyWorld.PRIMARY,
            "lag " + FakeStandbyWorld.PRIMARY,
            "promote "
                + FakeStandbyWorld.PRIMARY
                + " from "
                + FakeStandbyWorld.REPLICA_ARN
                + " keep 30",
            "pointer "
                + FakeStandbyWorld.REPLICA_ENDPOINT
                + " -> "
                + FakeStandbyWorld.PRIMARY_ENDPOINT,
            "checks on " + FakeStandbyWorld.PRIMARY + " 1"),
        world.calls,
        "the primary-region replica promoted from the DR instance; the pointer moved back");
    assertEquals(
        List.of("eu-central-1", "eu-central-1"),
        world.pointerRegions,
        "the pointer of the region the failover moved, moved back");
    assertEquals(FakeStandbyWorld.PRIMARY_ENDPOINT, r.endpoint());
    assertEquals(FakeStandbyWorld.PRIMARY + " (eu-west-1)", r.replica());
    assertEquals(Duration.ZERO, r.rpo().achieved());
    assertTrue(
        r.summary().contains("dr standby-replicate --service payments --failback"), r.summary());
    Histories.record(client, "standby-failback", "standby-failover-failback");
  }

  @Test
  void failingBackBeforeTheReplicateBackIsRefusedNamingIt(WorkflowClient client, Worker worker) {
    world.reverse();
    world.replicaSource = null; // the old primary, still there under its name
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> start(client, worker, "standby-failback-early-refused", null).run(failback()));
    assertEquals("StandbyNotReplica", Failures.rootType(e));
    String message = Failures.rootMessage(e);
    assertTrue(message.contains("dr standby-replicate --service payments first"), message);
    assertTrue(message.contains("nothing was promoted"), message);

    world.replicaExists = false; // deleted, not yet re-created
    e =
        assertThrows(
            WorkflowFailedException.class,
            () -> start(client, worker, "standby-failback-missing-refused", null).run(failback()));
    assertEquals("StandbyNotFound", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("dr standby-replicate --service payments first"),
        Failures.rootMessage(e));
    assertFalse(Failures.rootMessage(e).contains("standby-instantiate"), Failures.rootMessage(e));
    assertEquals(List.of(), world.calls, "nothing promoted, moved or checked");
  }

  @Test
  void aFailbackAlreadyDoneHasNothingToDo(WorkflowClient client, Worker worker) {
    world.reverse();
    world.replicaSource = null;
    world.replicaTags =
        Map.of(
            ReplicaState.PROMOTED_FROM_TAG,
            FakeStandbyWorld.REPLICA_ARN,
            ReplicaState.PROMOTED_AT_TAG,
            "2026-12-03T11:00:00Z");
    world.pointerValue = FakeStandbyWorld.PRIMARY_ENDPOINT;
    StandbyFailoverResult r = start(client, worker, "standby-failback-done", null).run(failback());

    assertEquals(StandbyFailoverOutcome.ALREADY_DONE, r.outcome(), r.summary());
    assertNull(r.approval(), "nobody was asked");
    assertEquals(List.of(), world.calls);
    assertTrue(
        r.summary().contains("dr standby-replicate --service payments --failback"), r.summary());
  }

  private static StandbyFailoverWorkflow start(
      WorkflowClient client, Worker worker, String id, StandbyFailoverInput input) {
    StandbyFailoverWorkflow wf =
        client.newWorkflowStub(
            StandbyFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    if (input != null) WorkflowClient.start(wf::run, input);
    else if (!id.endsWith("refused") && !id.endsWith("unknown-lag") && !id.endsWith("done"))
      WorkflowClient.start(wf::run, StandbyFailoverInput.of("payments"));
    return wf;
  }

  /** The two approvals a Critical service's gate needs, by two of its sre-oncall approvers. */
  private static void approveAsTwo(WorkflowClient client, StandbyFailoverWorkflow wf, String why) {
    oncall(client, wf, "operator:sre-alice")
        .approve(new Approval(StandbyFailoverWorkflowImpl.GATE_STEP, "sre-alice", why));
    oncall(client, wf, "operator:sre-bob")
        .approve(new Approval(StandbyFailoverWorkflowImpl.GATE_STEP, "sre-bob", why));
  }

  /** The run's stub answering as {@code identity} (the catalog's sre-oncall are Payments'). */
  private static StandbyFailoverWorkflow oncall(
      WorkflowClient client, StandbyFailoverWorkflow wf, String identity) {
    return AnsweringAs.stub(
        client,
        identity,
        StandbyFailoverWorkflow.class,
        WorkflowStub.fromTyped(wf).getExecution().getWorkflowId());
  }

  private static void awaitGate(StandbyFailoverWorkflow wf) {
    for (int i = 0; i < 200; i++) {
      if (wf.status().waitingFor() != null) return;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the run never reached the approval gate: " + wf.status());
  }
}
