package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflow;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflowImpl;
import dev.drrunbooks.testing.FakeCatalog;
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

class SnapshotRestoreWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(SnapshotRestoreWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  @Test
  void latestMeansTheNewestAvailableSnapshotNotTheFirstListed(
      WorkflowClient client, Worker worker) {
    SnapshotRestoreResult result =
        stub(client, worker, "restore-snapshot-inventory-1")
            .run(SnapshotRestoreInput.latest("inventory"));

    assertEquals("inventory-snapshot-newest", result.snapshot().snapshotId());
    assertNull(result.drCopy());
    assertEquals("eu-west-1", result.region());
    assertEquals("available", rds.instances.get("eu-west-1/" + result.restoredInstance()).status());
    assertTrue(result.validation().passed());
    assertEquals(
        Duration.ofHours(2).toMinutes(),
        result.objectives().rpo().achieved().toMinutes(),
        "RPO: from the snapshot's creation to the run's start");
    assertTrue(result.objectives().rpo().breached());
  }

  @Test
  void copiesToTheDrRegionFirstAndRestoresThere(WorkflowClient client, Worker worker) {
    SnapshotRestoreResult result =
        stub(client, worker, "restore-snapshot-dr")
            .run(
                new SnapshotRestoreInput(
                    "inventory",
                    "inventory-snapshot-old",
                    true,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));

    Histories.record(client, "restore-snapshot-dr", "snapshot-restore-dr-copy");
    // the copy's and the restore's waits polled one attempt at a time (Polls)
    Histories.record(client, "restore-snapshot-dr", "snapshot-restore-dr-copy-polled");
    Histories.record(client, "restore-snapshot-dr", "snapshot-restore-first-poll-deferred");
    assertEquals("inventory-snapshot-old", result.snapshot().snapshotId());
    assertEquals("eu-central-1", result.drCopy().region());
    assertEquals("restore-snapshot-dr-dr-copy", result.drCopy().snapshotId());
    assertEquals("eu-central-1", result.region());
    assertTrue(rds.instances.containsKey("eu-central-1/restore-snapshot-dr-restored"));
  }

  @Test
  void aSnapshotThatDoesNotExistEndsTheRunBeforeAnythingIsCreated(
      WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "restore-missing")
                    .run(
                        new SnapshotRestoreInput(
                            "inventory",
                            "inventory-snapshot-20990101",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));
    assertEquals(
        "snapshot: DB snapshot 'inventory-snapshot-20990101' not found in eu-west-1",
        Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void noSnapshotAtAllIsSaidPlainly(WorkflowClient client, Worker worker) {
    rds.snapshots.clear();
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "restore-none").run(SnapshotRestoreInput.latest("inventory")));
    assertEquals(
        "snapshot: no available snapshot of mycomputer-inventory-db in eu-west-1; searched its"
            + " manual, final and automated snapshots, and those kept with its retained automated"
            + " backups (DescribeDBSnapshots): none",
        Failures.rootMessage(e));
  }

  /**
   * Issue 11, finding 1: the instance was deleted; its final snapshot is restored into the
   * placement given.
   */
  @Test
  void aDeletedInstancesFinalSnapshotIsRestored(WorkflowClient client, Worker worker) {
    rds.instances.remove("eu-west-1/mycomputer-inventory-db");
    rds.snapshot(
        "eu-west-1", "inventory-final", rds.now.minus(java.time.Duration.ofMinutes(3)), "manual");

    SnapshotRestoreResult result =
        stub(client, worker, "restore-deleted")
            .run(
                new SnapshotRestoreInput(
                    "inventory",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    "app-subnets",
                    List.of("sg-0123456789abcdef0"),
                    null,
                    "app-pg15",
                    null,
                    null,
                    null));

    assertEquals(
        "inventory-final", result.snapshot().snapshotId(), "the newest: the final snapshot");
    assertEquals("app-subnets", rds.restoreShapes.get(0).subnetGroup());
  }

  /**
   * Issue 11: the source of a deleted instance's snapshot cannot be compared with, so that query is
   * left out.
   */
  @Test
  void aDeletedInstancesSnapshotIsValidatedWithoutTheQueriesThatCompareWithIt(
      WorkflowClient client, Worker worker) {
    rds.instances.remove("eu-west-1/mycomputer-inventory-db");
    rds.snapshot("eu-west-1", "inventory-final", rds.now.minus(Duration.ofMinutes(3)), "manual");

    SnapshotRestoreResult result =
        stub(client, worker, "restore-deleted-compare")
            .run(
                new SnapshotRestoreInput(
                    "inventory",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    comparingQueries(),
                    "app-subnets",
                    List.of("sg-0123456789abcdef0"),
                    null,
                    "app-pg15",
                    null,
                    null,
                    null));

    assertEquals(
        List.of("items-present"),
        result.validation().outcomes().stream().map(o -> o.name()).toList());
    assertTrue(
        result.timeline().stream()
            .anyMatch(
                t ->
                    t.outcome() == Outcome.SKIPPED
                        && t.detail()
                            .equals(
                                "no live source to compare with (mycomputer-inventory-db no longer"
                                    + " exists in eu-west-1): skipped items-match-source")),
        result.timeline().toString());
  }

  @Test
  void aLiveSourceIsComparedWith(WorkflowClient client, Worker worker) {
    SnapshotRestoreResult result =
        stub(client, worker, "restore-live-compare")
            .run(
                new SnapshotRestoreInput(
                    "inventory",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    comparingQueries(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));

    assertEquals(
        List.of("items-present", "items-match-source"),
        result.validation().outcomes().stream().map(o -> o.name()).toList());
    assertTrue(
        result.timeline().stream().noneMatch(t -> t.outcome() == Outcome.SKIPPED),
        result.timeline().toString());
  }

  private static List<ValidationQuery> comparingQueries() {
    return List.of(
        new ValidationQuery(
            "items-present",
            "SELECT COUNT(*) FROM inventory_items",
            new Expectation(null, 1L, null)),
        new ValidationQuery(
            "items-match-source",
            "SELECT COUNT(*) FROM inventory_items",
            new Expectation(null, null, 1.0)));
  }

  @Test
  void aFailedValidationAfterADrCopyRemovesBothTheInstanceAndTheCopy(
      WorkflowClient client, Worker worker) {
    rds.failValidation = true;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "restore-bad")
                    .run(
                        new SnapshotRestoreInput(
                            "inventory",
                            null,
                            true,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));
    assertTrue(
        Failures.rootMessage(e)
            .endsWith(
                "(cleanup: rds:restore-bad-restored deleting; "
                    + "rds-snapshot:restore-bad-dr-copy deleted)"),
        Failures.rootMessage(e));
    assertEquals(List.of("eu-central-1/restore-bad-restored"), rds.deleted);
    assertTrue(!rds.snapshots.containsKey("eu-central-1/restore-bad-dr-copy"));
  }

  /**
   * Issue 10, finding 4: a named snapshot whose status is 'failed' is refused before any restore,
   * at once (RDS would answer InvalidDBSnapshotState:
   * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
   */
  @Test
  void aFailedSnapshotIsRefusedAtOnceNamingItsStatus(WorkflowClient client, Worker worker) {
    rds.snapshot(
        "eu-west-1",
        "inventory-snapshot-failed",
        rds.now.minus(Duration.ofHours(1)),
        "manual",
        "failed",
        "mycomputer-inventory-db");

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "restore-failed-snapshot")
                    .run(named("inventory-snapshot-failed", null)));

    assertEquals(
        "snapshot: 'inventory-snapshot-failed' is not valid; its status is 'failed': only an"
            + " available snapshot can be restored (a creating or copying one is waited for)",
        Failures.rootMessage(e));
    assertEquals("InvalidInput", Failures.rootType(e));
    assertEquals(0, rds.restoreCalls.get());
    assertEquals(List.of(), rds.snapshotWaits);
    assertTrue(
        runTime(client, "restore-failed-snapshot").compareTo(Duration.ofSeconds(1)) < 0,
        "refused after " + runTime(client, "restore-failed-snapshot"));
  }

  @Test
  void aSnapshotStillBeingCreatedIsWaitedForThenRestored(WorkflowClient client, Worker worker) {
    rds.snapshot(
        "eu-west-1",
        "inventory-snapshot-creating",
        rds.now.minus(Duration.ofMinutes(10)),
        "manual",
        "creating",
        "mycomputer-inventory-db");

    SnapshotRestoreResult result =
        stub(client, worker, "restore-creating-snapshot")
            .run(named("inventory-snapshot-creating", null));

    Histories.record(client, "restore-creating-snapshot", "snapshot-restore-waited-for-creating");
    assertEquals(List.of("eu-west-1/inventory-snapshot-creating from creating"), rds.snapshotWaits);
    assertEquals("available", result.snapshot().status());
    assertEquals(1, rds.restoreCalls.get());
    assertTrue(rds.instances.containsKey("eu-west-1/restore-creating-snapshot-restored"));
  }

  @Test
  void aSnapshotOfAnotherInstanceIsRefusedUnlessAllowed(WorkflowClient client, Worker worker) {
    rds.snapshot(
        "eu-west-1",
        "payments-snapshot",
        rds.now.minus(Duration.ofHours(1)),
        "manual",
        "available",
        "mycomputer-payments-db");

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "restore-other-source").run(named("payments-snapshot", null)));
    assertEquals(
        "snapshot: 'payments-snapshot' is not valid; it is a snapshot of RDS instance"
            + " 'mycomputer-payments-db', not of the service's instance 'mycomputer-inventory-db';"
            + " set allowOtherSource: true (--allow-other-source) to restore it anyway",
        Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());

    SnapshotRestoreResult allowed =
        stub(client, worker, "restore-other-source-allowed").run(named("payments-snapshot", true));
    assertEquals("mycomputer-payments-db", allowed.snapshot().instanceId());
    assertEquals(1, rds.restoreCalls.get());
  }

  private static SnapshotRestoreInput named(String snapshot, Boolean allowOtherSource) {
    return new SnapshotRestoreInput(
        "inventory",
        snapshot,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        allowOtherSource,
        null,
        null,
        null,
        null);
  }

  /** From the run's first event to its last, on the test server's (skipping) clock. */
  private static Duration runTime(WorkflowClient client, String workflowId) {
    var events = client.fetchHistory(workflowId).getEvents();
    var first = events.get(0).getEventTime();
    var last = events.get(events.size() - 1).getEventTime();
    return Duration.ofSeconds(
        last.getSeconds() - first.getSeconds(), last.getNanos() - first.getNanos());
  }

  private static SnapshotRestoreWorkflow stub(
      WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(
        SnapshotRestoreWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(workflowId)
            .build());
  }
}
