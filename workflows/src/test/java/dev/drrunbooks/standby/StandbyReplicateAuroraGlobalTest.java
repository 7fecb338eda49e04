package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The replicate-back of Payments run as an Aurora global database, its secondary payments-fra the
 * writer now: after a switchover the old primary is verified as a secondary; after a failover
 * allowing data loss the run waits until Aurora has rebuilt it; a rebuild that never comes within
 * the budget fails saying what is left; a removed old primary, or a secondary that never became the
 * writer, is refused. Nothing is ever created or deleted.
 */
class StandbyReplicateAuroraGlobalTest {
  private static final String AURORA_PAYMENTS = CatalogFixture.auroraPaymentsText();

  private static final List<String> NO_CHANGE_OF_WRITER = List.of("switchover", "failover");

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyReplicateWorkflowImpl.class);

  private final FakeAuroraGlobal aurora = new FakeAuroraGlobal();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    assertTrue(AURORA_PAYMENTS.contains("strategy: aurora-global"), "the fixture changed");
    aurora.writer = FakeAuroraGlobal.SECONDARY_ARN;
    aurora.now = () -> Instant.ofEpochMilli(env.currentTimeMillis());
    worker.registerActivitiesImplementations(
        aurora, new FakeCatalog(CatalogFixture.parse(AURORA_PAYMENTS)), new FakeLocks());
    env.start();
  }

  @Test
  void afterASwitchoverTheOldPrimaryIsVerifiedAsASecondaryAndItsLagReported(
      WorkflowClient client, Worker worker) {
    aurora.lag = new ReplicaLag(0.0, Instant.parse("2026-12-03T10:00:00Z"), 3);
    StandbyReplicateResult r =
        stub(client, worker, "aurora-replicate-switchover")
            .run(StandbyReplicateInput.of("payments"));

    assertEquals(StandbyReplicateOutcome.REPLICATING, r.outcome(), r.summary());
    assertEquals(List.of("lag payments-eu"), aurora.calls, "no wait, nothing changed");
    assertEquals("payments-fra (eu-central-1)", r.newPrimary());
    assertEquals("payments-eu (eu-west-1)", r.reverseReplica());
    assertEquals("a secondary of payments-global already", r.oldPrimary());
    assertEquals(0.0, r.lag().seconds());
    assertTrue(
        r.summary().contains("AuroraGlobalDBReplicationLag 0 s, within the RPO 0 s"), r.summary());
    assertNull(r.approval(), "nothing to approve: nothing is deleted");
  }

  @Test
  void afterAnUnplannedFailoverTheRunWaitsUntilAuroraHasRebuiltTheOldPrimary(
      WorkflowClient client, Worker worker) {
    aurora.pollsUntilResynced = 3;
    StandbyReplicateResult r =
        stub(client, worker, "aurora-replicate-rebuilt")
            .run(new StandbyReplicateInput("payments", null, "30m", null, null));

    assertEquals(StandbyReplicateOutcome.REPLICATING, r.outcome(), r.summary());
    assertEquals(
        List.of(
            "poll secondary " + FakeAuroraGlobal.PRIMARY_ARN,
            "poll secondary " + FakeAuroraGlobal.PRIMARY_ARN,
            "poll secondary " + FakeAuroraGlobal.PRIMARY_ARN,
            "lag payments-eu"),
        aurora.calls,
        "one describe a poll until it is connected, then the lag");
    assertEquals("rebuilt by Aurora as a secondary of payments-global", r.oldPrimary());
    assertTrue(r.summary().contains("1 s, above the RPO 0 s"), r.summary());
    assertTrue(
        r.timeline().stream()
            .anyMatch(
                e ->
                    e.step()
                        .equals(
                            "wait until Aurora rebuilds payments-eu (eu-west-1) as a secondary")),
        r.timeline().toString());
    Histories.record(client, "aurora-replicate-rebuilt", "standby-replicate-aurora-rebuilt");
  }

  @Test
  void aRebuildThatNeverComesWithinTheBudgetFailsSayingNothingChangedAndWhatNext(
      WorkflowClient client, Worker worker) {
    aurora.pollsUntilResynced = -1;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "aurora-replicate-never")
                    .run(new StandbyReplicateInput("payments", null, "10m", null, null)));

    assertEquals("WaitDeadlineExceeded", Failures.rootType(e));
    String message = Failures.rootMessage(e);
    assertTrue(message.contains("Nothing was changed"), message);
    assertTrue(message.contains("rds:unplanned-global-failover"), message);
    assertTrue(message.contains("--wait-budget"), message);
    assertFalse(aurora.calls.contains("lag payments-eu"), aurora.calls.toString());
    assertNoChangeOfWriter();
  }

  @Test
  void aRemovedOldPrimaryIsRefusedWithWhatAnSreDoesNextNothingChanged(
      WorkflowClient client, Worker worker) {
    aurora.oldPrimaryRemoved = true;
    StandbyReplicateResult r =
        stub(client, worker, "aurora-replicate-removed").run(StandbyReplicateInput.of("payments"));

    assertEquals(StandbyReplicateOutcome.OLD_PRIMARY_REMOVED, r.outcome(), r.summary());
    assertTrue(r.summary().contains("Nothing was changed"), r.summary());
    assertTrue(
        r.summary().contains("CreateDBCluster --global-cluster-identifier payments-global"),
        r.summary());
    assertNull(r.lag());
    assertEquals(List.of(), aurora.calls, "no wait, no lag, nothing changed");
  }

  @Test
  void aSecondaryThatIsNotTheWriterWasNeverPromotedAndIsRefused(
      WorkflowClient client, Worker worker) {
    aurora.writer = FakeAuroraGlobal.PRIMARY_ARN;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "aurora-replicate-unpromoted")
                    .run(StandbyReplicateInput.of("payments")));

    assertEquals("NoPromotedStandby", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("not the writer of the Aurora global cluster"),
        Failures.rootMessage(e));
    assertEquals(List.of(), aurora.calls);
  }

  @Test
  void failbackIsRefusedForAuroraWhoseSwitchoverGoesEitherWayAlready(
      WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "aurora-replicate-failback")
                    .run(new StandbyReplicateInput("payments", true, null, null, true)));

    assertEquals("InvalidInput", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).startsWith("failback: 'true' is not valid"),
        Failures.rootMessage(e));
    assertTrue(Failures.rootMessage(e).contains("either way already"), Failures.rootMessage(e));
    assertEquals(List.of(), aurora.calls, "nothing looked at, nothing changed");
  }

  private void assertNoChangeOfWriter() {
    for (String change : NO_CHANGE_OF_WRITER)
      assertFalse(
          aurora.calls.stream().anyMatch(c -> c.startsWith(change)), aurora.calls.toString());
  }

  private static StandbyReplicateWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        StandbyReplicateWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }
}
