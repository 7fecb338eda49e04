package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standby instantiate of Payments run as an Aurora global database: its secondary cluster
 * payments-fra audited COMPLIANT while a caught-up reader of payments-global, MISSING when no
 * member, DEGRADED when the writer or pending-resync; an apply never creates or changes a cluster
 * (refused when Payments is named, reported with how to add the secondary for "all").
 */
class StandbyInstantiateAuroraGlobalTest {
  private static final String AURORA_PAYMENTS =
      CatalogFixture.text()
          .replace(
              "      strategy: replica\n"
                  + "      replica: { instance: mycomputer-payments-db-replica }\n",
              "      strategy: aurora-global\n"
                  + "      auroraGlobal: { globalCluster: payments-global, primaryCluster:"
                  + " payments-eu, secondaryCluster: payments-fra }\n");

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyInstantiateWorkflowImpl.class);

  private final FakeAuroraGlobal aurora = new FakeAuroraGlobal();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    assertTrue(AURORA_PAYMENTS.contains("strategy: aurora-global"), "the fixture changed");
    worker.registerActivitiesImplementations(
        aurora,
        new StandbyInstantiateFakeRds(),
        new FakeCatalog(CatalogFixture.parse(AURORA_PAYMENTS)),
        new FakeLocks());
    env.start();
  }

  @Test
  void aCaughtUpReaderIsCompliantWithItsLag(WorkflowClient client, Worker worker) {
    StandbyInstantiateCheck c = audit(client, worker, "aurora-audit-ok", "payments");
    assertEquals(StandbyInstantiateAction.COMPLIANT, c.action(), c.toString());
    assertEquals("payments-fra (eu-central-1)", c.replica());
    assertEquals("a reader of payments-global, connected", c.found());
    assertEquals(0.4, c.lagSeconds(), "read, and within: payments accepts its RPO 0 as unmet");
    assertEquals(List.of("lag payments-fra"), aurora.calls, "nothing changed");
    Histories.record(client, "aurora-audit-ok", "standby-instantiate-aurora-audit");
  }

  @Test
  void noMembershipIsMissingAndSaysHowToAddTheSecondary(WorkflowClient client, Worker worker) {
    aurora.secondaryRemoved = true;
    StandbyInstantiateCheck c = audit(client, worker, "aurora-audit-missing", "all");
    assertEquals(StandbyInstantiateAction.MISSING, c.action(), c.toString());
    assertTrue(c.found().startsWith("not a member of payments-global"), c.found());
    assertTrue(c.detail().contains("--global-cluster-identifier payments-global"), c.detail());
    assertEquals(List.of(), aurora.calls, "no lag read for no member, nothing changed");
  }

  @Test
  void theWriterOrAPendingResyncIsDegraded(WorkflowClient client, Worker worker) {
    aurora.writer = FakeAuroraGlobal.SECONDARY_ARN;
    StandbyInstantiateCheck writer = audit(client, worker, "aurora-audit-writer", "payments");
    assertEquals(StandbyInstantiateAction.DEGRADED, writer.action(), writer.toString());
    assertTrue(writer.found().startsWith("the writer of payments-global"), writer.found());
    assertTrue(writer.detail().contains("dr standby-replicate"), writer.detail());

    // pure: the secondary pending-resync (after Aurora re-added it) is not yet a standby
    Standby standby =
        Standby.ofAnyStandby(CatalogFixture.parse(AURORA_PAYMENTS).definitionOf("payments"));
    aurora.writer = FakeAuroraGlobal.PRIMARY_ARN;
    var state = aurora.describeGlobalCluster("eu-central-1", FakeAuroraGlobal.GLOBAL);
    var resyncing =
        new GlobalClusterState(
            state.globalClusterId(),
            true,
            "available",
            List.of(
                state.member(FakeAuroraGlobal.PRIMARY_ARN).orElseThrow(),
                new GlobalMember(
                    FakeAuroraGlobal.SECONDARY_ARN, "eu-central-1", false, "pending-resync")),
            null,
            null,
            null);
    StandbyInstantiateCheck pending =
        AuroraSecondaryAudit.of(
            "payments", standby, resyncing, null, new StandbyLagAllowance(null, null, false));
    assertEquals(StandbyInstantiateAction.DEGRADED, pending.action());
    assertTrue(pending.detail().startsWith("pending-resync"), pending.detail());
    StandbyInstantiateCheck behind =
        AuroraSecondaryAudit.of(
            "payments",
            standby,
            state,
            aurora.lag,
            new StandbyLagAllowance(Duration.ZERO, Duration.ZERO, false));
    assertEquals(StandbyInstantiateAction.DEGRADED, behind.action(), "1 s above RPO 0");
  }

  @Test
  void anApplyCreatesNoAuroraCluster(WorkflowClient client, Worker worker) {
    WorkflowFailedException named =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "aurora-apply-named")
                    .run(new StandbyInstantiateInput("payments", true, null)));
    assertEquals("InvalidInput", Failures.rootType(named));
    assertTrue(
        Failures.rootMessage(named).contains("CreateDBCluster --global-cluster-identifier"),
        Failures.rootMessage(named));
    assertTrue(
        Failures.rootMessage(named).contains("--global-cluster-identifier payments-global"),
        Failures.rootMessage(named));

    aurora.secondaryRemoved = true;
    StandbyInstantiateResult all =
        stub(client, worker, "aurora-apply-all")
            .run(new StandbyInstantiateInput("all", true, null));
    StandbyInstantiateCheck c = all.checks().get(0);
    assertEquals(StandbyInstantiateAction.MISSING, c.action(), "reported, not created");
    assertTrue(c.detail().contains("an apply does not create Aurora clusters"), c.detail());
    assertEquals(List.of(), aurora.calls);
  }

  private static StandbyInstantiateCheck audit(
      WorkflowClient client, Worker worker, String id, String selector) {
    StandbyInstantiateResult r =
        stub(client, worker, id).run(new StandbyInstantiateInput(selector, null, null));
    assertEquals(1, r.checks().size(), r.checks().toString());
    return r.checks().get(0);
  }

  private static StandbyInstantiateWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        StandbyInstantiateWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }
}
