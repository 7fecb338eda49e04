package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.Failures;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflow;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflowImpl;
import dev.drrunbooks.replay.Histories;
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
  static final TestWorkflowExtension temporal = TimeSkipping.extension(SnapshotRestoreWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  @Test
  void latestMeansTheNewestAvailableSnapshotNotTheFirstListed(WorkflowClient client, Worker worker) {
    SnapshotRestoreResult result = stub(client, worker, "restore-snapshot-inventory-1").run(SnapshotRestoreInput.latest("inventory"));

    assertEquals("inventory-snapshot-newest", result.snapshot().snapshotId());
    assertNull(result.drCopy());
    assertEquals("eu-west-1", result.region());
    assertEquals("available", rds.instances.get("eu-west-1/" + result.restoredInstance()).status());
    assertTrue(result.validation().passed());
    assertEquals(Duration.ofHours(2).toMinutes(), result.objectives().rpo().achieved().toMinutes(),
        "RPO: from the snapshot's creation to the run's start");
    assertTrue(result.objectives().rpo().breached());
  }

  @Test
  void copiesToTheDrRegionFirstAndRestoresThere(WorkflowClient client, Worker worker) {
    SnapshotRestoreResult result = stub(client, worker, "restore-snapshot-dr").run(new SnapshotRestoreInput(
        "inventory", "inventory-snapshot-old", true, null, null, null, null, null, null, null, null, null));

    Histories.record(client, "restore-snapshot-dr", "snapshot-restore-dr-copy");
    assertEquals("inventory-snapshot-old", result.snapshot().snapshotId());
    assertEquals("eu-central-1", result.drCopy().region());
    assertEquals("restore-snapshot-dr-dr-copy", result.drCopy().snapshotId());
    assertEquals("eu-central-1", result.region());
    assertTrue(rds.instances.containsKey("eu-central-1/restore-snapshot-dr-restored"));
  }

  @Test
  void aSnapshotThatDoesNotExistEndsTheRunBeforeAnythingIsCreated(WorkflowClient client, Worker worker) {
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> stub(client, worker, "restore-missing")
        .run(new SnapshotRestoreInput("inventory", "inventory-snapshot-20990101", null, null, null, null, null, null,
            null, null, null, null)));
    assertEquals("snapshot: DB snapshot 'inventory-snapshot-20990101' not found in eu-west-1", Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void noSnapshotAtAllIsSaidPlainly(WorkflowClient client, Worker worker) {
    rds.snapshots.clear();
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
        () -> stub(client, worker, "restore-none").run(SnapshotRestoreInput.latest("inventory")));
    assertEquals("snapshot: no available snapshot of mycomputer-inventory-db in eu-west-1", Failures.rootMessage(e));
  }

  @Test
  void aFailedValidationAfterADrCopyRemovesBothTheInstanceAndTheCopy(WorkflowClient client, Worker worker) {
    rds.failValidation = true;
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> stub(client, worker, "restore-bad")
        .run(new SnapshotRestoreInput("inventory", null, true, null, null, null, null, null, null, null, null, null)));
    assertTrue(Failures.rootMessage(e).endsWith("(cleanup: rds:restore-bad-restored deleting; "
        + "rds-snapshot:restore-bad-dr-copy deleted)"), Failures.rootMessage(e));
    assertEquals(List.of("eu-central-1/restore-bad-restored"), rds.deleted);
    assertTrue(!rds.snapshots.containsKey("eu-central-1/restore-bad-dr-copy"));
  }

  private static SnapshotRestoreWorkflow stub(WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(SnapshotRestoreWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(workflowId).build());
  }
}
