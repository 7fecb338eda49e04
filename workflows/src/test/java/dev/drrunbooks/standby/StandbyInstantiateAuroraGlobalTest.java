package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
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
 * The standby instantiate of Payments run as an Aurora global database: its secondary cluster
 * payments-fra audited COMPLIANT while a caught-up reader of payments-global, MISSING when no
 * member, DEGRADED when the writer or pending-resync. An apply adds a missing secondary (cluster,
 * wait, reader, wait until it replicates, lag) when no cluster of its name exists; one that exists
 * is left untouched; a retry after a lost answer finds its own; the wait budget ending says what
 * exists.
 */
class StandbyInstantiateAuroraGlobalTest {
  private static final String AURORA_PAYMENTS = CatalogFixture.auroraPaymentsText();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyInstantiateWorkflowImpl.class);

  private final FakeAuroraGlobal aurora = new FakeAuroraGlobal();
  private final FakeSecondaryCreation creation = new FakeSecondaryCreation(aurora);

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    assertTrue(AURORA_PAYMENTS.contains("strategy: aurora-global"), "the fixture changed");
    creation.now = () -> Instant.ofEpochMilli(env.currentTimeMillis());
    worker.registerActivitiesImplementations(
        aurora,
        creation,
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
    assertTrue(c.detail().startsWith("an apply creates it"), c.detail());
    assertEquals(List.of(), aurora.calls, "no lag read for no member, nothing changed");
    assertEquals(List.of(), creation.calls);
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
  void anApplyAddsTheMissingSecondaryWaitsUntilItReplicatesAndReadsItsLag(
      WorkflowClient client, Worker worker) {
    aurora.secondaryRemoved = true;
    creation.pollsUntilAvailable = 3;

    StandbyInstantiateResult r =
        stub(client, worker, "aurora-apply")
            .run(new StandbyInstantiateInput("payments", true, null));

    StandbyInstantiateCheck c = r.checks().get(0);
    assertEquals(StandbyInstantiateAction.CREATED, c.action(), c.toString());
    assertEquals("a reader of payments-global, connected", c.found());
    assertEquals(0.4, c.lagSeconds());
    assertTrue(c.detail().contains("reader payments-fra-instance-1"), c.detail());
    assertTrue(c.detail().contains("dr-runbooks:kept=standby"), c.detail());
    assertEquals(
        List.of(
            "describe payments-fra",
            "create cluster payments-fra in payments-global",
            "poll available payments-fra",
            "poll available payments-fra",
            "poll available payments-fra",
            "create reader payments-fra-instance-1 in payments-fra",
            "poll reader payments-fra-instance-1",
            "poll reader payments-fra-instance-1"),
        creation.calls,
        "the reader only once the cluster is available, and waited for until it is");
    assertEquals(
        List.of("poll secondary " + FakeAuroraGlobal.SECONDARY_ARN, "lag payments-fra"),
        aurora.calls);
    var asked = creation.clusterRequests.get(0);
    assertEquals("eu-central-1", asked.region());
    assertEquals("mycomputer-dr-db", asked.subnetGroup());
    assertEquals(List.of("sg-0a1b2c3d4e5f60718"), asked.securityGroupIds());
    assertTrue(asked.kmsKeyId().startsWith("arn:aws:kms:eu-central-1:"), asked.kmsKeyId());
    assertEquals("aurora-apply", asked.owner().workflowId());
    var reader = creation.readerRequests.get(0);
    assertEquals("payments-eu", reader.primaryClusterId(), "the writer's class is read there");
    assertEquals("eu-west-1", reader.primaryRegion());
    Histories.record(client, "aurora-apply", "standby-instantiate-aurora-apply-reader-wait");
  }

  @Test
  void aClusterOfThatNameOutsideTheGlobalDatabaseIsLeftUntouched(
      WorkflowClient client, Worker worker) {
    aurora.secondaryRemoved = true;
    creation.existing = FakeSecondaryCreation.someonesCluster();

    StandbyInstantiateCheck c =
        stub(client, worker, "aurora-apply-not-ours")
            .run(new StandbyInstantiateInput("all", true, null))
            .checks()
            .get(0);

    assertEquals(StandbyInstantiateAction.NOT_A_REPLICA, c.action(), c.toString());
    assertTrue(c.found().contains("not a member of payments-global"), c.found());
    assertTrue(c.detail().contains("left untouched, nothing was created"), c.detail());
    assertTrue(c.detail().contains("team=analytics"), c.detail());
    assertEquals(List.of("describe payments-fra"), creation.calls, "nothing created or changed");
  }

  @Test
  void aRetryAfterALostAnswerFindsItsOwnClusterAndGoesOn(WorkflowClient client, Worker worker) {
    aurora.secondaryRemoved = true;
    creation.loseCreateAnswer = true;

    StandbyInstantiateCheck c =
        stub(client, worker, "aurora-apply-retried")
            .run(new StandbyInstantiateInput("payments", true, null))
            .checks()
            .get(0);

    assertEquals(StandbyInstantiateAction.CREATED, c.action(), c.toString());
    assertEquals(
        2,
        creation.calls.stream().filter(x -> x.startsWith("create cluster")).count(),
        "the lost answer, then the retry that finds its own: " + creation.calls);
    assertEquals(1, creation.readerRequests.size());
  }

  @Test
  void theWaitBudgetEndingFailsSayingWhatExists(WorkflowClient client, Worker worker) {
    aurora.secondaryRemoved = true;
    creation.pollsUntilAvailable = -1;

    StandbyInstantiateResult r =
        stub(client, worker, "aurora-apply-late")
            .run(new StandbyInstantiateInput("payments", true, "20m"));

    StandbyInstantiateCheck c = r.checks().get(0);
    assertEquals(StandbyInstantiateAction.FAILED, c.action(), c.toString());
    assertTrue(c.detail().contains("is not available"), c.detail());
    assertTrue(c.detail().contains("WaitDeadlineExceeded") || c.detail().contains("waited until"));
    assertTrue(c.detail().contains("No reader was created"), c.detail());
    assertTrue(
        c.detail().contains("What exists: cluster payments-fra (eu-central-1) creating"),
        c.detail());
    assertTrue(c.detail().contains("dr-runbooks:kept=standby"), c.detail());
    assertTrue(creation.readerRequests.isEmpty());
    assertEquals(List.of(), aurora.calls, "no secondary wait, no lag");
  }

  @Test
  void aMissingGlobalDatabaseIsNotCreated(WorkflowClient client, Worker worker) {
    aurora.secondaryRemoved = true;
    aurora.globalMissing = true;

    StandbyInstantiateCheck c =
        stub(client, worker, "aurora-apply-no-global")
            .run(new StandbyInstantiateInput("payments", true, null))
            .checks()
            .get(0);

    assertEquals(StandbyInstantiateAction.FAILED, c.action(), c.toString());
    assertTrue(c.detail().contains("global cluster payments-global not found"), c.detail());
    assertEquals(List.of(), creation.calls);
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
