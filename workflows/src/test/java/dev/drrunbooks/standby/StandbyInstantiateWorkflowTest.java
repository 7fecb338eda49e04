package dev.drrunbooks.standby;

import static dev.drrunbooks.standby.StandbyInstantiateFakeRds.DR;
import static dev.drrunbooks.standby.StandbyInstantiateFakeRds.PRIMARY;
import static dev.drrunbooks.standby.StandbyInstantiateFakeRds.PRIMARY_ARN;
import static dev.drrunbooks.standby.StandbyInstantiateFakeRds.REPLICA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.catalog.DatabaseSpec;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Ownership;
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
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standby instantiate against the catalog's Payments (strategy replica, replica
 * mycomputer-payments-db-replica in eu-central-1, drRestore placement and a DR KMS key): audits of
 * a missing, a compliant and a foreign replica; an apply that creates it from the catalog and tags
 * it as the run's and kept; a second apply that changes nothing; a foreign replica refused
 * untouched; a catalog without a placement refused before anything is created.
 */
class StandbyInstantiateWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(StandbyInstantiateWorkflowImpl.class);

  private final StandbyInstantiateFakeRds rds = new StandbyInstantiateFakeRds();
  private final EditableCatalog catalog = new EditableCatalog();

  /** The project's catalog, with Payments' definition edited by a test. */
  static final class EditableCatalog implements CatalogActivities {
    private final FakeCatalog real = new FakeCatalog();
    volatile UnaryOperator<ServiceDefinition> payments = UnaryOperator.identity();

    @Override
    public Map<String, ScheduleSpec> schedules() {
      return real.schedules();
    }

    @Override
    public List<ServiceDefinition> resolveServices(String selector) {
      return real.resolveServices(selector).stream()
          .map(s -> s.key().equals("payments") ? payments.apply(s) : s)
          .toList();
    }
  }

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, catalog, new FakeLocks());
    env.start();
  }

  @Test
  void anAuditOfEveryServiceFindsPaymentsReplicaMissingAndChangesNothing(
      WorkflowClient client, Worker worker) {
    StandbyInstantiateResult r =
        start(client, worker, "standby-instantiate-audit-missing")
            .run(new StandbyInstantiateInput(null, null, null));

    assertEquals("audit", r.mode());
    assertEquals(List.of("payments"), r.services(), "only the replica-strategy services");
    StandbyInstantiateCheck c = r.checks().get(0);
    assertEquals(StandbyInstantiateAction.MISSING, c.action());
    assertEquals(REPLICA + " (" + DR + ")", c.replica());
    assertEquals(PRIMARY_ARN, c.source());
    assertTrue(c.detail().startsWith("an apply creates it"), c.detail());
    assertTrue(rds.calls.isEmpty(), "an audit changes nothing: " + rds.calls);
    assertTrue(r.summary().contains("audit only"), r.summary());
    assertFalse(r.allHealthy());
  }

  @Test
  void anAuditFindsACompliantReplicaOfThePrimary(WorkflowClient client, Worker worker) {
    rds.replica(PRIMARY_ARN, Map.of());

    StandbyInstantiateResult r =
        start(client, worker, "standby-instantiate-audit-compliant")
            .run(new StandbyInstantiateInput("payments", false, null));

    assertEquals(StandbyInstantiateAction.COMPLIANT, r.checks().get(0).action());
    assertTrue(r.allHealthy());
    assertTrue(rds.calls.isEmpty());
  }

  @Test
  void anAuditNamesAReplicaOfAnotherSourceAndAnInstanceThatIsNone(
      WorkflowClient client, Worker worker) {
    String other = "arn:aws:rds:eu-west-1:123456789012:db:someone-elses-db";
    rds.replica(other, Map.of());
    StandbyInstantiateCheck wrong =
        start(client, worker, "standby-instantiate-audit-wrong")
            .run(new StandbyInstantiateInput("payments", null, null))
            .checks()
            .get(0);
    assertEquals(StandbyInstantiateAction.WRONG_SOURCE, wrong.action());
    assertTrue(wrong.detail().startsWith("replicates " + other), wrong.detail());

    rds.replica(null, Map.of(ReplicaState.PROMOTED_FROM_TAG, PRIMARY_ARN));
    StandbyInstantiateCheck promoted =
        start(client, worker, "standby-instantiate-audit-promoted")
            .run(new StandbyInstantiateInput("payments", null, null))
            .checks()
            .get(0);
    assertEquals(StandbyInstantiateAction.NOT_A_REPLICA, promoted.action());
    assertTrue(promoted.detail().contains("it is the primary now"), promoted.detail());
  }

  @Test
  void anApplyCreatesTheReplicaFromTheCatalogTaggedAsTheRunsAndKept(
      WorkflowClient client, Worker worker) {
    String id = "standby-instantiate-apply";
    StandbyInstantiateWorkflow wf = start(client, worker, id);
    StandbyInstantiateResult r = wf.run(new StandbyInstantiateInput("payments", true, null));

    assertEquals("apply", r.mode());
    StandbyInstantiateCheck c = r.checks().get(0);
    assertEquals(StandbyInstantiateAction.CREATED, c.action(), c.detail());
    assertEquals(0.4, c.lagSeconds(), "the lag read once after the wait");
    assertEquals(List.of(REPLICA + " (" + DR + ")"), r.kept());
    assertTrue(r.summary().contains("kept as the standby"), r.summary());
    assertTrue(c.detail().contains("dr cleanup never deletes it"), c.detail());

    assertEquals(1, rds.creates.size());
    ReplicaRequest req = rds.creates.get(0);
    assertEquals(DR, req.region());
    assertEquals(REPLICA, req.instanceId());
    assertEquals("eu-west-1", req.sourceRegion());
    assertEquals(PRIMARY, req.sourceInstanceId());
    assertEquals("mycomputer-dr-db", req.subnetGroup(), "database.drRestore.subnetGroup");
    assertEquals(List.of("sg-0a1b2c3d4e5f60718"), req.securityGroupIds());
    assertEquals(
        "arn:aws:kms:eu-central-1:123456789012:key/7c2e9a41-5b3d-4e8f-a1c6-0d9b8e7f6a52",
        req.kmsKeyId(),
        "database.backup.drReplication.kmsKeyId");
    assertNull(req.instanceClass(), "RDS gives a replica its source's class");
    assertEquals(id, req.owner().workflowId());
    assertEquals("standby-instantiate", req.owner().procedure());
    assertTrue(req.owner().runToken() != null, "owned by this very run");

    Map<String, String> tags = rds.stateOf(DR, REPLICA).tags();
    assertTrue(req.owner().owns(tags));
    assertEquals(Ownership.KEPT_STANDBY, tags.get(Ownership.KEPT_TAG));
    assertEquals(List.of("create " + REPLICA + " in " + DR), rds.calls, "nothing deleted");
    Histories.record(client, id, "standby-instantiate-apply");
  }

  @Test
  void aSecondApplyFindsItCompliantAndChangesNothing(WorkflowClient client, Worker worker) {
    start(client, worker, "standby-instantiate-first")
        .run(new StandbyInstantiateInput("payments", true, null));
    StandbyInstantiateResult again =
        start(client, worker, "standby-instantiate-second")
            .run(new StandbyInstantiateInput("payments", true, null));

    assertEquals(StandbyInstantiateAction.COMPLIANT, again.checks().get(0).action());
    assertEquals(List.of(), again.kept());
    assertEquals(1, rds.creates.size(), "created once: " + rds.calls);
    assertTrue(again.summary().endsWith("nothing changed"), again.summary());
  }

  @Test
  void anApplyRefusesAReplicaOfAnotherSourceAndLeavesItUntouched(
      WorkflowClient client, Worker worker) {
    String other = "arn:aws:rds:eu-west-1:123456789012:db:someone-elses-db";
    rds.replica(other, Map.of("owner", "someone"));

    StandbyInstantiateResult r =
        start(client, worker, "standby-instantiate-apply-wrong")
            .run(new StandbyInstantiateInput("payments", true, null));

    assertEquals(StandbyInstantiateAction.WRONG_SOURCE, r.checks().get(0).action());
    assertTrue(r.checks().get(0).found().contains(other), r.checks().get(0).found());
    assertTrue(rds.calls.isEmpty(), "never touched: " + rds.calls);
    assertEquals(other, rds.stateOf(DR, REPLICA).sourceIdentifier());
    assertFalse(r.allHealthy());
  }

  @Test
  void anApplyWhoseCatalogGivesNoSubnetGroupIsRefusedBeforeAnythingIsCreated(
      WorkflowClient client, Worker worker) {
    catalog.payments = StandbyInstantiateWorkflowTest::withoutDrPlacement;

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                start(client, worker, "standby-instantiate-no-placement")
                    .run(new StandbyInstantiateInput("payments", true, null)));

    assertEquals("InvalidInput", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e).contains("database.drRestore.subnetGroup"),
        Failures.rootMessage(e));
    assertTrue(rds.calls.isEmpty());

    StandbyInstantiateCheck audited =
        start(client, worker, "standby-instantiate-no-placement-audit")
            .run(new StandbyInstantiateInput("payments", null, null))
            .checks()
            .get(0);
    assertTrue(
        audited.detail().startsWith("an apply would be refused: service: 'payments'"),
        audited.detail());
  }

  @Test
  void aServiceWithoutAStandbyIsRefusedWhenNamed(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                start(client, worker, "standby-instantiate-inventory")
                    .run(new StandbyInstantiateInput("inventory", true, null)));
    assertEquals("InvalidInput", Failures.rootType(e));
    assertTrue(rds.calls.isEmpty());
  }

  private static ServiceDefinition withoutDrPlacement(ServiceDefinition s) {
    ServiceSpec spec = s.spec();
    DatabaseSpec db = spec.database();
    DatabaseSpec noPlacement =
        new DatabaseSpec(
            db.instance(),
            db.name(),
            db.backup(),
            db.restore(),
            new RestoreSettings(null, List.of(), null, null),
            db.dataRecovery());
    ServiceSpec edited =
        new ServiceSpec(
            spec.displayName(),
            spec.priority(),
            spec.objectives(),
            spec.dependsOn(),
            noPlacement,
            spec.ecs(),
            spec.dns(),
            spec.buckets(),
            spec.healthEndpoint(),
            spec.drillHealthUrl(),
            spec.validationQueries(),
            spec.failover(),
            spec.approval(),
            spec.accountId(),
            spec.recovery());
    return new ServiceDefinition(
        s.key(), s.accountId(), s.regions(), edited, s.dns(), s.buckets(), s.approval());
  }

  private static StandbyInstantiateWorkflow start(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        StandbyInstantiateWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }
}
