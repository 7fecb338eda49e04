package dev.drrunbooks.backuppolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupPolicyWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal = TimeSkipping.extension(BackupPolicyWorkflowImpl.class);

  private FakeAwsWorld world;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    world = FakeAwsWorld.likeTheSandbox(CatalogFixture.load());
    worker.registerActivitiesImplementations(world);
    env.start();
  }

  @Test
  void auditOnlyReportsWhatIsOffPolicyAndChangesNothing(WorkflowClient client, Worker worker) {
    BackupPolicyResult result = run(client, worker, new BackupPolicyInput(null, null));

    assertEquals("audit", result.mode());
    assertEquals(List.of("customer-base", "inventory", "locations", "payments"), result.services());
    assertEquals(List.of(), world.changes);
    Map<String, PolicyAction> actions = actionsOf(result, "inventory");
    assertEquals(PolicyAction.OFF_POLICY, actions.get("rds:mycomputer-inventory-db backup-retention-days"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("rds:mycomputer-inventory-db preferred-backup-window"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("rds:mycomputer-inventory-db iam-database-authentication"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("s3:mycomputer-assets versioning"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("s3:mycomputer-assets-dr versioning"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("s3:mycomputer-assets replication-rule ReplicateAll"));
    PolicyCheck retention = check(result, "rds:mycomputer-inventory-db", "backup-retention-days");
    assertEquals("30", retention.expected());
    assertEquals("7", retention.found());
    assertEquals(6, result.offPolicy());
    assertEquals(0, result.changed());
    assertTrue(result.summary().contains("nothing changed (audit only"), result.summary());
    assertTrue(actionsOf(result, "payments").values().stream().allMatch(a -> a == PolicyAction.COMPLIANT));
  }

  @Test
  void applyFixesTheOffPolicyInstanceAndBucket(WorkflowClient client, Worker worker) {
    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("inventory", true));

    assertEquals(List.of("modify-db-instance mycomputer-inventory-db", "put-bucket-versioning mycomputer-assets-dr",
        "put-bucket-versioning mycomputer-assets", "put-bucket-replication mycomputer-assets"), world.changes);
    assertEquals(6, result.changed());
    assertEquals(0, result.failed());
    PolicyCheck window = check(result, "rds:mycomputer-inventory-db", "preferred-backup-window");
    assertEquals(PolicyAction.CHANGED, window.action());
    assertEquals("22:00-22:30", window.found());
    assertEquals("03:00-04:00", window.after());
    assertEquals("Enabled", world.versioning.get("eu-west-1/mycomputer-assets"));
    assertTrue(world.rules.containsKey("eu-west-1/mycomputer-assets/ReplicateAll"));
    assertTrue(result.summary().startsWith("Changed 6 setting(s)"), result.summary());
    assertFalse(result.timeline().isEmpty());
  }

  @Test
  void aSecondApplyChangesNothingAndSaysSo(WorkflowClient client, Worker worker) {
    BackupPolicyWorkflow first = client.newWorkflowStub(BackupPolicyWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId("backup-policy-apply-all").build());
    first.run(new BackupPolicyInput(null, true));
    Histories.record(client, "backup-policy-apply-all", "backup-policy-apply-all");
    int changesAfterFirst = world.changes.size();

    BackupPolicyResult second = run(client, worker, new BackupPolicyInput(null, true));

    assertEquals(changesAfterFirst, world.changes.size());
    assertEquals(0, second.changed());
    assertEquals(second.checks().size(), second.compliant());
    assertTrue(second.summary().startsWith("All " + second.checks().size() + " checks compliant; nothing to change"),
        second.summary());
  }

  @Test
  void anUnknownServiceIsRefusedNamingTheKnownOnes(WorkflowClient client, Worker worker) {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> run(client, worker, new BackupPolicyInput("billing", false)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals("InvalidInput", cause.getType());
    assertTrue(cause.isNonRetryable());
    assertEquals("service: 'billing' is not in the catalog test.yaml; known services: customer-base, inventory, "
        + "locations, payments (or 'all')", cause.getOriginalMessage());
    assertEquals(List.of(), world.changes);
  }

  @Test
  void aMalformedServiceNameIsRefusedBeforeAnythingRuns(WorkflowClient client, Worker worker) {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> run(client, worker, new BackupPolicyInput("Inventory DB", true)));
    assertTrue(Failures.rootMessage(e).startsWith("service: 'Inventory DB' is not a catalog key"), Failures.rootMessage(e));
  }

  @Test
  void aMissingInstanceFailsItsCheckAndTheRestStillRun(WorkflowClient client, Worker worker) {
    world.instances.remove("eu-west-1/mycomputer-locations-db");

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput(null, true));

    PolicyCheck missing = check(result, "rds:mycomputer-locations-db", "backup-settings");
    assertEquals(PolicyAction.FAILED, missing.action());
    assertEquals("RDS instance 'mycomputer-locations-db' not found in eu-west-1", missing.detail());
    assertEquals(1, result.failed());
    assertEquals(6, result.changed());
    assertTrue(result.summary().contains("FAILED"), result.summary());
  }

  private static BackupPolicyResult run(WorkflowClient client, Worker worker, BackupPolicyInput input) {
    BackupPolicyWorkflow wf = client.newWorkflowStub(BackupPolicyWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).build());
    return wf.run(input);
  }

  private static Map<String, PolicyAction> actionsOf(BackupPolicyResult result, String service) {
    return result.checks().stream().filter(c -> c.service().equals(service))
        .collect(Collectors.toMap(c -> c.resource() + " " + c.check(), PolicyCheck::action));
  }

  private static PolicyCheck check(BackupPolicyResult result, String resource, String check) {
    return result.checks().stream().filter(c -> c.resource().equals(resource) && c.check().equals(check))
        .findFirst().orElseThrow(() -> new AssertionError("no check " + resource + " " + check + " in " + result.checks()));
  }
}
