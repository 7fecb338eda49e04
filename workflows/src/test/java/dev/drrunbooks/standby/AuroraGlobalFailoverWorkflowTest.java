package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.catalog.CatalogFixture;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standby failover of Payments run as an Aurora global database (the catalog's recovery block
 * switched to aurora-global): a planned switchover while the primary's region answers (nothing
 * lost), an unplanned failover allowing data loss with its window measured, a lag above the RPO
 * refused at the gate, and a change of writer that never completes.
 */
class AuroraGlobalFailoverWorkflowTest {
  private static final String AURORA_PAYMENTS = CatalogFixture.auroraPaymentsText();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyFailoverWorkflowImpl.class);

  private final FakeAuroraGlobal aurora = new FakeAuroraGlobal();
  private final FakeStandbyWorld world = new FakeStandbyWorld();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    assertTrue(AURORA_PAYMENTS.contains("strategy: aurora-global"), "the fixture changed");
    world.pointerValue = "payments-eu.cluster-c1a2b3.eu-west-1.rds.amazonaws.com";
    worker.registerActivitiesImplementations(
        aurora,
        world,
        new FakeRegions(),
        new FakeCatalog(CatalogFixture.parse(AURORA_PAYMENTS)),
        new FakeLocks());
    env.start();
  }

  @Test
  void aPlannedSwitchoverLosesNothingAndMovesThePointerToTheNewWriter(
      WorkflowClient client, Worker worker) {
    StandbyFailoverWorkflow wf = start(client, worker, "aurora-switchover", null);
    awaitGate(wf);
    assertTrue(wf.status().detail().contains("planned switchover"), wf.status().detail());
    approveAsTwo(client, "aurora-switchover");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome(), r.summary());
    assertEquals(List.of("switchover to " + FakeAuroraGlobal.SECONDARY_ARN), aurora.calls);
    assertEquals(Duration.ZERO, r.rpo().achieved(), "a switchover waits until synchronised");
    assertFalse(r.rpo().breached());
    assertEquals(FakeAuroraGlobal.SECONDARY_ENDPOINT, r.pointer().after().value());
    assertTrue(r.summary().startsWith("Switched over to payments-fra"), r.summary());
    Histories.record(client, "aurora-switchover", "standby-failover-aurora-switchover");
  }

  @Test
  void anUnplannedFailoverIsRefusedAboveTheRpoThenAllowedWithItsDataLossMeasured(
      WorkflowClient client, Worker worker) {
    aurora.primaryRegionAnswers = false;
    StandbyFailoverResult refused =
        start(client, worker, "aurora-refused", null).run(StandbyFailoverInput.of("payments"));
    assertEquals(StandbyFailoverOutcome.REFUSED, refused.outcome());
    assertNull(refused.approval(), "refused before anyone was asked");
    assertFalse(
        aurora.calls.stream().anyMatch(c -> c.startsWith("failover")), aurora.calls.toString());

    StandbyFailoverWorkflow wf =
        start(
            client,
            worker,
            "aurora-failover",
            new StandbyFailoverInput(
                "payments", true, null, null, null, null, null, null, null, null));
    awaitGate(wf);
    approveAsTwo(client, "aurora-failover");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome(), r.summary());
    assertTrue(aurora.calls.contains("failover to " + FakeAuroraGlobal.SECONDARY_ARN));
    assertEquals(Duration.ofSeconds(1), r.rpo().achieved(), "0.4 s of lag rounds up to 1 s");
    assertTrue(r.rpo().breached(), "RPO 0 missed by the lag, and reported");
    assertTrue(r.summary().startsWith("Failed over to payments-fra"), r.summary());
    Histories.record(client, "aurora-failover", "standby-failover-aurora-failover");
  }

  @Test
  void anUnplannedFailoverAskedForSkipsTheSwitchoverThoughThePrimaryAnswers(
      WorkflowClient client, Worker worker) {
    StandbyFailoverWorkflow wf =
        start(
            client,
            worker,
            "aurora-forced-failover",
            new StandbyFailoverInput(
                "payments", true, null, null, null, null, null, null, true, null));
    awaitGate(wf);
    assertTrue(
        wf.status().detail().contains("a failover allowing data loss, as asked"),
        wf.status().detail());
    approveAsTwo(client, "aurora-forced-failover");
    StandbyFailoverResult r = WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class);

    assertEquals(StandbyFailoverOutcome.PROMOTED, r.outcome(), r.summary());
    assertEquals(
        List.of("failover to " + FakeAuroraGlobal.SECONDARY_ARN),
        aurora.calls.stream().filter(c -> !c.startsWith("lag ")).toList(),
        "no switchover asked");
    assertEquals(Duration.ofSeconds(1), r.rpo().achieved(), "the lag when it was requested");
    assertTrue(r.summary().startsWith("Failed over to payments-fra"), r.summary());
    Histories.record(client, "aurora-forced-failover", "standby-failover-aurora-unplanned-asked");
  }

  @Test
  void unplannedIsRefusedForAReplicaWhosePromotionIsItsOnlyFailover() {
    StandbyFailoverInput in =
        new StandbyFailoverInput("payments", null, null, null, null, null, null, null, true, null);
    var e =
        assertThrows(
            io.temporal.failure.ApplicationFailure.class,
            () ->
                StandbyFailoverWorkflowImpl.RULES.checkServices(
                    in, List.of(CatalogFixture.load().definitionOf("payments"))));
    assertEquals("InvalidInput", e.getType());
    assertTrue(e.getOriginalMessage().startsWith("unplanned: 'true' is not valid"), e.getMessage());
  }

  @Test
  void failbackIsRefusedForAuroraWhoseSwitchoverGoesEitherWayAlready(
      WorkflowClient client, Worker worker) {
    StandbyFailoverWorkflow wf =
        start(
            client,
            worker,
            "aurora-failback",
            new StandbyFailoverInput(
                "payments", null, null, null, null, null, null, null, null, true));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class));

    assertEquals("InvalidInput", Failures.rootType(e));
    String message = Failures.rootMessage(e);
    assertTrue(message.startsWith("failback: 'true' is not valid"), message);
    assertTrue(message.contains("recovery.auroraGlobal.primaryCluster"), message);
    assertEquals(List.of(), aurora.calls, "no switchover, no failover");
    assertEquals(List.of(), world.calls, "the pointer untouched");
  }

  @Test
  void aChangeOfWriterThatNeverCompletesEndsAtTheRtoBudgetSayingWhatIsLeft(
      WorkflowClient client, Worker worker) {
    aurora.pollsUntilWriter = -1;
    StandbyFailoverWorkflow wf = start(client, worker, "aurora-stuck", null);
    awaitGate(wf);
    approveAsTwo(client, "aurora-stuck");
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(StandbyFailoverResult.class));
    assertEquals(StandbyProgress.PROMOTION_INCOMPLETE, Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("change of writer to payments-fra"),
        Failures.rootMessage(e));
    assertFalse(world.calls.stream().anyMatch(c -> c.startsWith("pointer")), "pointer untouched");
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
    else if (!id.endsWith("refused"))
      WorkflowClient.start(wf::run, StandbyFailoverInput.of("payments"));
    return wf;
  }

  private static void approveAsTwo(WorkflowClient client, String id) {
    for (String who : List.of("sre-alice", "sre-bob"))
      AnsweringAs.stub(client, "operator:" + who, StandbyFailoverWorkflow.class, id)
          .approve(new Approval(StandbyFailoverWorkflowImpl.GATE_STEP, who, "region down"));
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
    throw new AssertionError("the run never reached the gate: " + wf.status());
  }
}
