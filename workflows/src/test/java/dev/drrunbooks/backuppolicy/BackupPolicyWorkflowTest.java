package dev.drrunbooks.backuppolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.activities.rds.DrBackupReplication;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupPolicyWorkflowTest {
  /** The catalog, whose critical services' automated backups are replicated to the DR region. */
  private static final Catalog CATALOG = CatalogFixture.load();

  private static final String DR_KEY =
      CATALOG.services().get("payments").database().backup().drReplication().kmsKeyId();

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(BackupPolicyWorkflowImpl.class);

  private FakeAwsWorld world;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    world = FakeAwsWorld.likeTheSandbox(CATALOG);
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
    assertEquals(
        PolicyAction.OFF_POLICY, actions.get("rds:mycomputer-inventory-db backup-retention-days"));
    assertEquals(
        PolicyAction.OFF_POLICY,
        actions.get("rds:mycomputer-inventory-db preferred-backup-window"));
    assertEquals(
        PolicyAction.OFF_POLICY,
        actions.get("rds:mycomputer-inventory-db iam-database-authentication"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("s3:mycomputer-assets versioning"));
    assertEquals(PolicyAction.OFF_POLICY, actions.get("s3:mycomputer-assets-dr versioning"));
    assertEquals(
        PolicyAction.OFF_POLICY, actions.get("s3:mycomputer-assets replication-rule ReplicateAll"));
    PolicyCheck retention = check(result, "rds:mycomputer-inventory-db", "backup-retention-days");
    assertEquals("30", retention.expected());
    assertEquals("7", retention.found());
    assertEquals(6, result.offPolicy());
    assertEquals(0, result.changed());
    assertTrue(result.summary().contains("nothing changed (audit only"), result.summary());
    assertTrue(
        actionsOf(result, "payments").values().stream().allMatch(a -> a == PolicyAction.COMPLIANT));
    assertEquals(
        new TimelineEntry(
            "check rds:mycomputer-inventory-db", null, null, Outcome.SUCCEEDED, "3 off policy"),
        step(result, "check rds:mycomputer-inventory-db"));
    assertEquals(
        new TimelineEntry(
            "check s3:mycomputer-assets",
            null,
            null,
            Outcome.SUCCEEDED,
            "3 not compliant before, 0 failed"),
        step(result, "check s3:mycomputer-assets"));
  }

  @Test
  void applyFixesTheOffPolicyInstanceAndBucket(WorkflowClient client, Worker worker) {
    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("inventory", true));

    assertEquals(
        List.of(
            "modify-db-instance mycomputer-inventory-db",
            "put-bucket-versioning mycomputer-assets-dr",
            "put-bucket-versioning mycomputer-assets",
            "put-bucket-replication mycomputer-assets"),
        world.changes);
    assertEquals(6, result.changed());
    assertEquals(0, result.failed());
    PolicyCheck window = check(result, "rds:mycomputer-inventory-db", "preferred-backup-window");
    assertEquals(PolicyAction.CHANGED, window.action());
    assertEquals("22:00-22:30", window.found());
    assertEquals("03:00-04:00", window.after());
    assertEquals("Enabled", world.versioning.get("eu-west-1/mycomputer-assets"));
    assertTrue(world.rules.containsKey("eu-west-1/mycomputer-assets/ReplicateAll"));
    assertTrue(result.summary().startsWith("Changed 6 setting(s)"), result.summary());
    assertEquals(
        new TimelineEntry(
            "enforce rds:mycomputer-inventory-db",
            null,
            null,
            Outcome.SUCCEEDED,
            "modified 3 setting(s)"),
        step(result, "enforce rds:mycomputer-inventory-db"));
    assertEquals(
        new TimelineEntry(
            "enforce s3:mycomputer-assets",
            null,
            null,
            Outcome.SUCCEEDED,
            "3 not compliant before, 0 failed"),
        step(result, "enforce s3:mycomputer-assets"));
    assertFalse(result.timeline().isEmpty());
  }

  @Test
  void aSecondApplyChangesNothingAndSaysSo(WorkflowClient client, Worker worker) {
    BackupPolicyWorkflow first =
        client.newWorkflowStub(
            BackupPolicyWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("backup-policy-apply-all")
                .build());
    first.run(new BackupPolicyInput(null, true));
    Histories.record(client, "backup-policy-apply-all", "backup-policy-apply-all");
    int changesAfterFirst = world.changes.size();

    BackupPolicyResult second = run(client, worker, new BackupPolicyInput(null, true));

    assertEquals(changesAfterFirst, world.changes.size());
    assertEquals(0, second.changed());
    assertEquals(second.checks().size(), second.compliant());
    assertTrue(
        second
            .summary()
            .startsWith("All " + second.checks().size() + " checks compliant; nothing to change"),
        second.summary());
  }

  @Test
  void anUnknownServiceIsRefusedNamingTheKnownOnes(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> run(client, worker, new BackupPolicyInput("billing", false)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals("InvalidInput", cause.getType());
    assertTrue(cause.isNonRetryable());
    assertEquals(
        "service: 'billing' is not in the catalog test.yaml; known services: customer-base,"
            + " inventory, locations, payments (or 'all')",
        cause.getOriginalMessage());
    assertEquals(List.of(), world.changes);
  }

  @Test
  void aMalformedServiceNameIsRefusedBeforeAnythingRuns(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> run(client, worker, new BackupPolicyInput("Inventory DB", true)));
    assertTrue(
        Failures.rootMessage(e).startsWith("service: 'Inventory DB' is not a catalog key"),
        Failures.rootMessage(e));
  }

  @Test
  void aMissingInstanceFailsItsCheckAndTheRestStillRun(WorkflowClient client, Worker worker) {
    world.instances.remove("eu-west-1/mycomputer-locations-db");

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput(null, true));

    PolicyCheck missing = check(result, "rds:mycomputer-locations-db", "backup-settings");
    assertEquals(PolicyAction.FAILED, missing.action());
    assertEquals("RDS instance 'mycomputer-locations-db' not found in eu-west-1", missing.detail());
    assertEquals(
        new TimelineEntry(
            "check rds:mycomputer-locations-db",
            null,
            null,
            Outcome.FAILED,
            "RDS instance 'mycomputer-locations-db' not found in eu-west-1"),
        step(result, "check rds:mycomputer-locations-db"));
    assertEquals(1, result.failed());
    assertEquals(6, result.changed());
    assertTrue(result.summary().contains("FAILED"), result.summary());
  }

  /**
   * Issue 11, finding 5: a window RDS refuses no longer takes retention and IAM auth down with it.
   */
  @Test
  void aWindowOverTheMaintenanceWindowFailsOnlyItsCheckWhileRetentionAndIamAuthAreSet(
      WorkflowClient client, Worker worker) {
    world.instances.put(
        "eu-west-1/mycomputer-inventory-db",
        new BackupSettings(
            "mycomputer-inventory-db",
            "available",
            7,
            null,
            "22:00-22:30",
            false,
            List.of(),
            "sun:03:15-sun:04:15",
            null));

    BackupPolicyResult result =
        runWithId(
            client,
            worker,
            new BackupPolicyInput("inventory", true),
            "backup-policy-window-conflict");
    Histories.record(client, "backup-policy-window-conflict", "backup-policy-window-conflict");

    PolicyCheck retention = check(result, "rds:mycomputer-inventory-db", "backup-retention-days");
    assertEquals(PolicyAction.CHANGED, retention.action());
    assertEquals("30", retention.after());
    assertEquals(
        PolicyAction.CHANGED,
        check(result, "rds:mycomputer-inventory-db", "iam-database-authentication").action());
    PolicyCheck window = check(result, "rds:mycomputer-inventory-db", "preferred-backup-window");
    assertEquals(PolicyAction.FAILED, window.action());
    assertEquals("22:00-22:30", window.found());
    assertEquals(
        "RDS refused it: The backup window and maintenance window must not overlap; the backup"
            + " window 03:00-04:00 overlaps the instance's maintenance window sun:03:15-sun:04:15;"
            + " a backup window that does not: 01:45-02:45 (change the catalog's window), or move"
            + " the maintenance window",
        window.detail());
    assertEquals(30, world.instances.get("eu-west-1/mycomputer-inventory-db").retentionDays());
    assertEquals(1, result.failed());
    assertEquals(5, result.changed(), "retention, IAM auth and the three S3 settings");
    assertEquals(
        "1 of 6 checks FAILED; see their detail; changed 5 other setting(s)", result.summary());
    TimelineEntry enforce =
        result.timeline().stream()
            .filter(e -> e.step().equals("enforce rds:mycomputer-inventory-db"))
            .findFirst()
            .orElseThrow();
    assertEquals(Outcome.FAILED, enforce.outcome());
    assertEquals("modified 2 setting(s); RDS refused preferred-backup-window", enforce.detail());
  }

  @Test
  void anAuditNamesTheMaintenanceWindowAnApplyWouldMeet(WorkflowClient client, Worker worker) {
    world.instances.put(
        "eu-west-1/mycomputer-inventory-db",
        new BackupSettings(
            "mycomputer-inventory-db",
            "available",
            30,
            null,
            "22:00-22:30",
            true,
            List.of(),
            "sun:03:15-sun:04:15",
            null));

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("inventory", false));

    PolicyCheck window = check(result, "rds:mycomputer-inventory-db", "preferred-backup-window");
    assertEquals(PolicyAction.OFF_POLICY, window.action());
    assertTrue(
        window
            .detail()
            .startsWith(
                "RDS will refuse it: the backup window 03:00-04:00 overlaps the instance's "
                    + "maintenance window sun:03:15-sun:04:15"),
        window.detail());
    assertNull(check(result, "rds:mycomputer-inventory-db", "backup-retention-days").detail());
    assertEquals(List.of(), world.changes);
  }

  @Test
  void anAuditWithoutAConflictAddsNoNote(WorkflowClient client, Worker worker) {
    world.instances.put(
        "eu-west-1/mycomputer-inventory-db",
        new BackupSettings(
            "mycomputer-inventory-db",
            "available",
            30,
            null,
            "22:00-22:30",
            true,
            List.of(),
            "sun:05:00-sun:05:30",
            null));

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("inventory", false));

    assertNull(check(result, "rds:mycomputer-inventory-db", "preferred-backup-window").detail());
  }

  @Test
  void missingDrBackupReplicationIsStartedOnceWithTheCatalogsRetentionAndKey(
      WorkflowClient client, Worker worker) {
    world.drBackups.clear();

    BackupPolicyResult audit = run(client, worker, new BackupPolicyInput("payments", false));
    PolicyCheck audited =
        check(audit, "rds:mycomputer-payments-db", "automated-backups-replication");
    assertEquals(PolicyAction.OFF_POLICY, audited.action());
    assertEquals("replicating to eu-central-1, 7 days, key " + DR_KEY, audited.expected());
    assertEquals("not replicated to eu-central-1", audited.found());
    assertEquals(List.of(), world.changes);
    assertEquals(
        new TimelineEntry(
            "check rds:mycomputer-payments-db automated-backups-replication",
            null,
            null,
            Outcome.SUCCEEDED,
            "not replicated to eu-central-1"),
        step(audit, "check rds:mycomputer-payments-db automated-backups-replication"));

    BackupPolicyResult apply =
        runWithId(
            client, worker, new BackupPolicyInput("payments", true), "backup-policy-dr-backups");
    Histories.record(client, "backup-policy-dr-backups", "backup-policy-dr-backups");
    PolicyCheck started =
        check(apply, "rds:mycomputer-payments-db", "automated-backups-replication");
    assertEquals(PolicyAction.CHANGED, started.action());
    assertEquals("replicating to eu-central-1, 7 days, key " + DR_KEY, started.after());
    assertEquals(
        List.of(
            "start-db-instance-automated-backups-replication mycomputer-payments-db to"
                + " eu-central-1"),
        world.changes);
    assertEquals(
        new TimelineEntry(
            "enforce rds:mycomputer-payments-db automated-backups-replication",
            null,
            null,
            Outcome.SUCCEEDED,
            "replicating to eu-central-1, 7 days, key " + DR_KEY),
        step(apply, "enforce rds:mycomputer-payments-db automated-backups-replication"));

    BackupPolicyResult again = run(client, worker, new BackupPolicyInput("payments", true));
    assertEquals(
        PolicyAction.COMPLIANT,
        check(again, "rds:mycomputer-payments-db", "automated-backups-replication").action());
    assertEquals(1, world.changes.size());
  }

  @Test
  void aReplicationWithAnotherRetentionIsNamedNotRecreated(WorkflowClient client, Worker worker) {
    world.drBackups.put(
        "eu-west-1/mycomputer-payments-db/eu-central-1",
        new DrBackupReplication(
            "eu-central-1",
            "replicating",
            3,
            DR_KEY,
            "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-x"));

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("payments", true));

    PolicyCheck check =
        check(result, "rds:mycomputer-payments-db", "automated-backups-replication");
    assertEquals(PolicyAction.FAILED, check.action());
    assertEquals("replicating to eu-central-1, 3 days, key " + DR_KEY, check.found());
    assertTrue(
        check.detail().startsWith("RDS cannot change a running replication's retention or key"),
        check.detail());
    assertEquals(List.of(), world.changes);
    assertEquals(
        new TimelineEntry(
            "enforce rds:mycomputer-payments-db automated-backups-replication",
            null,
            null,
            Outcome.FAILED,
            check.detail()),
        step(result, "enforce rds:mycomputer-payments-db automated-backups-replication"));
  }

  @Test
  void aReplicationTheCatalogTurnedOffIsStopped(WorkflowClient client, Worker worker) {
    String on =
        "drReplication: { enabled: true, retentionDays: 7, kmsKeyId: \""
            + CATALOG.services().get("customer-base").database().backup().drReplication().kmsKeyId()
            + "\" }";
    Catalog catalog =
        catalogWith(
            c -> {
              if (!c.contains(on)) throw new IllegalStateException("fixture changed: " + on);
              return c.replace(on, "drReplication: { enabled: false }");
            });
    world.useCatalog(catalog);

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("customer-base", true));

    PolicyCheck check =
        check(result, "rds:mycomputer-customerbase-db", "automated-backups-replication");
    assertEquals("not replicated to eu-central-1", check.expected());
    assertEquals(PolicyAction.CHANGED, check.action());
    assertEquals("not replicated to eu-central-1", check.after());
    assertEquals(
        List.of(
            "stop-db-instance-automated-backups-replication mycomputer-customerbase-db to"
                + " eu-central-1"),
        world.changes);
  }

  @Test
  void anUnreadableInstanceFailsItsDrBackupCheckWithoutStartingAnything(
      WorkflowClient client, Worker worker) {
    world.instances.remove("eu-west-1/mycomputer-payments-db");

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("payments", true));

    PolicyCheck check =
        check(result, "rds:mycomputer-payments-db", "automated-backups-replication");
    assertEquals(PolicyAction.FAILED, check.action());
    assertEquals("unknown", check.found());
    assertEquals("RDS instance 'mycomputer-payments-db' not found in eu-west-1", check.detail());
    assertEquals(List.of(), world.changes);
    assertEquals(
        new TimelineEntry(
            "check rds:mycomputer-payments-db automated-backups-replication",
            null,
            null,
            Outcome.FAILED,
            "RDS instance 'mycomputer-payments-db' not found in eu-west-1"),
        step(result, "check rds:mycomputer-payments-db automated-backups-replication"));
    assertEquals(
        "2 of " + result.checks().size() + " checks FAILED; see their detail", result.summary());
  }

  /** The timeline entry of a step, its times left out. */
  private static TimelineEntry step(BackupPolicyResult result, String name) {
    TimelineEntry e =
        result.timeline().stream()
            .filter(t -> t.step().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step " + name + " in " + result.timeline()));
    return new TimelineEntry(e.step(), null, null, e.outcome(), e.detail());
  }

  @Test
  void aMissingReplicaBucketFailsItsVersioningAndTheRuleIsNotAttempted(
      WorkflowClient client, Worker worker) {
    world.versioning.remove("eu-central-1/mycomputer-assets-dr");

    BackupPolicyResult result = run(client, worker, new BackupPolicyInput("inventory", true));

    assertEquals(
        PolicyAction.FAILED, check(result, "s3:mycomputer-assets-dr", "versioning").action());
    PolicyCheck rule = check(result, "s3:mycomputer-assets", "replication-rule ReplicateAll");
    assertEquals(PolicyAction.FAILED, rule.action());
    assertEquals(
        "not attempted: versioning of s3:mycomputer-assets-dr is unknown and S3 requires it Enabled"
            + " on both buckets",
        rule.detail());
    assertFalse(
        world.changes.contains("put-bucket-replication mycomputer-assets"),
        world.changes.toString());
    assertEquals(
        new TimelineEntry(
            "enforce s3:mycomputer-assets",
            null,
            null,
            Outcome.FAILED,
            "3 not compliant before, 2 failed"),
        step(result, "enforce s3:mycomputer-assets"));
  }

  /**
   * Issue 11, finding 6: a rule with the right name and destination but a narrower scope is off
   * policy.
   */
  @Test
  void aRuleNamedReplicateAllThatCoversOnlyAPrefixOrReplicatesDeletesIsOffPolicyAndRewritten(
      WorkflowClient client, Worker worker) {
    ReplicationRuleState right =
        world.rules.get("eu-west-1/mycomputer-customer-documents/ReplicateAll");
    world.rules.put(
        "eu-west-1/mycomputer-customer-documents/ReplicateAll",
        new ReplicationRuleState(
            right.ruleId(),
            right.status(),
            right.role(),
            right.destinationBucketArn(),
            right.storageClass(),
            right.replicationTimeMinutes(),
            right.priority(),
            "prefix 'tmp/'",
            "Enabled",
            right.metrics()));

    BackupPolicyResult audit = run(client, worker, new BackupPolicyInput("customer-base", false));
    PolicyCheck rule =
        check(audit, "s3:mycomputer-customer-documents", "replication-rule ReplicateAll");
    assertEquals(PolicyAction.OFF_POLICY, rule.action());
    assertEquals(
        "Enabled, priority 1, whole bucket, delete markers Disabled, to"
            + " mycomputer-customer-documents-dr, STANDARD_IA, RTC 15m, role replication-role",
        rule.expected());
    assertEquals(
        "Enabled, priority 1, prefix 'tmp/', delete markers Enabled, to"
            + " mycomputer-customer-documents-dr, STANDARD_IA, RTC 15m, role replication-role",
        rule.found());

    BackupPolicyResult apply = run(client, worker, new BackupPolicyInput("customer-base", true));
    assertEquals(
        PolicyAction.CHANGED,
        check(apply, "s3:mycomputer-customer-documents", "replication-rule ReplicateAll").action());
    assertEquals(List.of("put-bucket-replication mycomputer-customer-documents"), world.changes);
  }

  @Test
  void aRuleWithAnotherPriorityIsOffPolicy(WorkflowClient client, Worker worker) {
    ReplicationRuleState right =
        world.rules.get("eu-west-1/mycomputer-customer-documents/ReplicateAll");
    world.rules.put(
        "eu-west-1/mycomputer-customer-documents/ReplicateAll",
        new ReplicationRuleState(
            right.ruleId(),
            right.status(),
            right.role(),
            right.destinationBucketArn(),
            right.storageClass(),
            right.replicationTimeMinutes(),
            5,
            right.filter(),
            right.deleteMarkerReplication(),
            right.metrics()));

    BackupPolicyResult audit = run(client, worker, new BackupPolicyInput("customer-base", false));

    PolicyCheck rule =
        check(audit, "s3:mycomputer-customer-documents", "replication-rule ReplicateAll");
    assertEquals(PolicyAction.OFF_POLICY, rule.action());
    assertTrue(rule.found().startsWith("Enabled, priority 5, whole bucket"), rule.found());
  }

  private static Catalog catalogWith(UnaryOperator<String> edit) {
    try {
      return CatalogFixture.parse(edit.apply(Files.readString(CatalogFixture.path())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BackupPolicyResult runWithId(
      WorkflowClient client, Worker worker, BackupPolicyInput input, String workflowId) {
    BackupPolicyWorkflow wf =
        client.newWorkflowStub(
            BackupPolicyWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(workflowId)
                .build());
    return wf.run(input);
  }

  private static BackupPolicyResult run(
      WorkflowClient client, Worker worker, BackupPolicyInput input) {
    BackupPolicyWorkflow wf =
        client.newWorkflowStub(
            BackupPolicyWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).build());
    return wf.run(input);
  }

  private static Map<String, PolicyAction> actionsOf(BackupPolicyResult result, String service) {
    return result.checks().stream()
        .filter(c -> c.service().equals(service))
        .collect(Collectors.toMap(c -> c.resource() + " " + c.check(), PolicyCheck::action));
  }

  private static PolicyCheck check(BackupPolicyResult result, String resource, String check) {
    return result.checks().stream()
        .filter(c -> c.resource().equals(resource) && c.check().equals(check))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no check " + resource + " " + check + " in " + result.checks()));
  }
}
