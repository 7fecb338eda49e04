package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.backuppolicy.FakeAwsWorld;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.restore.FakeRds;
import dev.drrunbooks.standby.Standby;
import dev.drrunbooks.standby.StandbyLagAllowance;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Readiness of Payments run as an Aurora global database (the catalog's recovery block switched to
 * aurora-global): its secondary cluster must be a member of the global cluster, not the writer, not
 * pending-resync, with AuroraGlobalDBReplicationLag within the RPO; that lag is what a region loss
 * would lose of the database.
 */
class ReadinessAuroraGlobalStandbyTest {
  private static final String AURORA_PAYMENTS = CatalogFixture.auroraPaymentsText();
  private static final Catalog CATALOG = CatalogFixture.parse(AURORA_PAYMENTS);
  private static final String CHECK = "standby secondary cluster payments-fra (eu-central-1)";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(ReadinessEvaluationWorkflowImpl.class, BackupPolicyWorkflowImpl.class);

  private final FakeAuroraSecondary aurora = new FakeAuroraSecondary();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    assertTrue(AURORA_PAYMENTS.contains("strategy: aurora-global"), "the fixture changed");
    worker.registerActivitiesImplementations(
        FakeAwsWorld.likeTheSandbox(CATALOG),
        new FakeRds(),
        new FakeEcs(),
        new FakeRegions(),
        new FakeLedgerQueries(),
        new FakeStandbyReplica(),
        aurora);
    env.start();
  }

  @Test
  void aCaughtUpSecondaryPassesAndItsLagIsWhatARegionLossWouldLose(
      WorkflowClient client, Worker worker) {
    ServiceReadiness payments = evaluate(client, worker, "readiness-aurora-1");
    ReadinessCheck secondary = check(payments);

    assertEquals(CheckVerdict.PASS, secondary.verdict(), secondary.toString());
    assertEquals("a replicating secondary; AuroraGlobalDBReplicationLag 0 s", secondary.found());
    assertEquals(List.of("eu-central-1 payments-fra"), aurora.lagReads);
    assertEquals(Duration.ZERO, payments.predictedRpo(), payments.predictedRpoBasis());
    assertEquals(
        CHECK + ": AuroraGlobalDBReplicationLag 0s",
        payments.predictedRpoBasis(),
        "the secondary, not the DR recovery point, is what a region loss would lose");
    Histories.record(client, "readiness-aurora-1", "readiness-standby-aurora-global");
  }

  @Test
  void aLagAboveTheRpoPassesOnlyWhereTheCatalogAcceptsTheRpoAsUnmet(
      WorkflowClient client, Worker worker) {
    aurora.lag = new ReplicaLag(2.5, Instant.parse("2026-12-03T10:00:00Z"), 3);
    ReadinessCheck accepted = check(evaluate(client, worker, "readiness-aurora-2"));
    assertEquals(CheckVerdict.PASS, accepted.verdict(), "payments: recovery.knowinglyUnmet.rpo");
    assertTrue(accepted.found().endsWith("AuroraGlobalDBReplicationLag 3 s"), accepted.found());

    Standby standby = Standby.ofAnyStandby(CATALOG.definitionOf("payments"));
    var state = aurora.describeGlobalCluster(standby.replicaRegion(), standby.globalCluster());
    StandbyReplicaCheck strict =
        StandbyReplicaCheck.ofAuroraSecondary(
            "payments", standby, state, aurora.lag, strictRpo(Duration.ofSeconds(2)));
    StandbyReplicaCheck within =
        StandbyReplicaCheck.ofAuroraSecondary(
            "payments", standby, state, aurora.lag, strictRpo(Duration.ofSeconds(3)));
    assertEquals(CheckVerdict.FAIL, strict.check().verdict(), "3 s against RPO 2 s");
    assertEquals(Duration.ofSeconds(3), strict.lag(), "2.5 s rounds up to 3 s");
    assertEquals(CheckVerdict.PASS, within.check().verdict(), "3 s against RPO 3 s");
  }

  @Test
  void anAcceptedRpoStillFailsALagBeyondWhatARestoreWouldLose(
      WorkflowClient client, Worker worker) {
    aurora.lag = new ReplicaLag(300.4, Instant.parse("2026-12-03T10:00:00Z"), 3);
    ReadinessCheck behind = check(evaluate(client, worker, "readiness-aurora-bound"));
    assertEquals(CheckVerdict.FAIL, behind.verdict(), "301 s: more than 5m, RPO 0 accepted");
    assertTrue(
        behind.expected().contains("within 5m (RPO 0m, accepted as unmet"), behind.expected());
  }

  private static StandbyLagAllowance strictRpo(Duration rpo) {
    return new StandbyLagAllowance(rpo, rpo, false);
  }

  @Test
  void aSecondaryThatWritesIsPendingResyncOrIsNoMemberFailsWithoutReadingItsLag(
      WorkflowClient client, Worker worker) {
    aurora.secondaryWrites = true;
    ReadinessCheck writes = check(evaluate(client, worker, "readiness-aurora-3"));
    aurora.secondaryWrites = false;
    aurora.secondarySync = "pending-resync";
    ReadinessCheck resync = check(evaluate(client, worker, "readiness-aurora-4"));
    aurora.secondarySync = "connected";
    aurora.secondaryRemoved = true;
    ServiceReadiness removedService = evaluate(client, worker, "readiness-aurora-5");
    ReadinessCheck removed = check(removedService);

    assertEquals(CheckVerdict.FAIL, writes.verdict());
    assertTrue(writes.found().startsWith("the writer of payments-global"), writes.found());
    assertEquals(CheckVerdict.FAIL, resync.verdict());
    assertTrue(resync.found().startsWith("pending-resync"), resync.found());
    assertEquals(CheckVerdict.FAIL, removed.verdict());
    assertTrue(removed.found().startsWith("not a member of payments-global"), removed.found());
    assertEquals(List.of(), aurora.lagReads, "a secondary that does not replicate has no lag");
    assertFalse(
        removedService.predictedRpoBasis().startsWith("standby"),
        removedService.predictedRpoBasis());
  }

  private static ReadinessCheck check(ServiceReadiness s) {
    return s.checks().stream()
        .filter(c -> c.check().equals(CHECK))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + CHECK + " in " + s.checks()));
  }

  private static ServiceReadiness evaluate(WorkflowClient client, Worker worker, String id) {
    ReadinessEvaluationWorkflow wf =
        client.newWorkflowStub(
            ReadinessEvaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    return wf.evaluate(new ReadinessInput("payments")).services().get(0);
  }
}
