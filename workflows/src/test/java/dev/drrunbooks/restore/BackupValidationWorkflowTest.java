package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflow;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflowImpl;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupValidationWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(BackupValidationWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  @Test
  void restoresTheNewestBackupValidatesItAndAlwaysDeletesTheInstance(
      WorkflowClient client, Worker worker) {
    BackupValidationResult result =
        stub(client, worker, "validate-backups-inventory-1")
            .run(BackupValidationInput.newest("inventory"));

    Histories.record(client, "validate-backups-inventory-1", "backup-validation-newest");
    // the restore wait polled one activity attempt at a time (Polls.CHANGE_ID version 1)
    Histories.record(client, "validate-backups-inventory-1", "backup-validation-polled");
    // ... whose first attempt described nothing (Polls.FIRST_POLL_CHANGE_ID version 1)
    Histories.record(
        client, "validate-backups-inventory-1", "backup-validation-first-poll-deferred");
    // ... counted from the restore's answer (one more argument, no version)
    Histories.record(
        client, "validate-backups-inventory-1", "backup-validation-wait-from-restore-answer");
    assertEquals(1, rds.deferredPolls.get(), "the wait of a new run defers its first describe");
    assertEquals(
        List.of(FakeRds.RESTORE_ANSWERED_AT),
        rds.waitsCountedFrom,
        "the wait counts from the restore's answer");
    assertEquals("inventory-snapshot-newest", result.snapshot().snapshotId());
    assertEquals("validate-backups-inventory-1-validation", result.validationInstance());
    assertTrue(result.validation().passed());
    assertEquals(List.of("eu-west-1/validate-backups-inventory-1-validation"), rds.created);
    assertEquals(List.of("eu-west-1/validate-backups-inventory-1-validation"), rds.deleted);
    assertEquals(Outcome.COMPENSATED, result.cleanup().get(0).outcome());
    assertTrue(result.restoreDuration() != null);
    assertEquals(0, rds.ownedBy("validate-backups-inventory-1").size());
  }

  /**
   * Issue 10, finding 3: a validation copy is single-AZ, its network from the source, and checked
   * once available.
   */
  @Test
  void theValidationCopyIsSingleAzAndItsPlacementIsVerified(WorkflowClient client, Worker worker) {
    stub(client, worker, "validate-single-az").run(BackupValidationInput.newest("inventory"));

    assertEquals(
        List.of(new InstanceShape(null, null, List.of(), null, null, false)), rds.restoreShapes);
    assertEquals(
        List.of("eu-west-1/validate-single-az-validation from mycomputer-inventory-db"),
        rds.placementChecks);
  }

  @Test
  void aFailedValidationFailsTheRunWithTheEvidenceAndStillDeletes(
      WorkflowClient client, Worker worker) {
    rds.failValidation = true;

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "validate-bad")
                    .run(BackupValidationInput.newest("inventory")));

    ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, e.getCause());

    Histories.record(client, "validate-bad", "backup-validation-failed");
    assertEquals("ValidationFailed", failure.getType());
    assertTrue(
        failure
            .getOriginalMessage()
            .startsWith(
                "backup inventory-snapshot-newest failed validation: 1 of 4 checks "
                    + "FAILED: items-present expected >= 100, found 0"),
        failure.getOriginalMessage());
    ValidationReport evidence = failure.getDetails().get(ValidationReport.class);
    assertEquals(4, evidence.outcomes().size());
    assertEquals(List.of("eu-west-1/validate-bad-validation"), rds.deleted);
    assertEquals(0, rds.ownedBy("validate-bad").size());
  }

  @Test
  void cancellationMidWaitDeletesTheValidationInstance(WorkflowClient client, Worker worker)
      throws Exception {
    rds.blockInAwait = true;
    BackupValidationWorkflow wf = stub(client, worker, "validate-cancel");
    WorkflowClient.start(wf::run, BackupValidationInput.newest("inventory"));
    assertTrue(rds.waiting.await(30, TimeUnit.SECONDS));

    WorkflowStub.fromTyped(wf).cancel();

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(BackupValidationResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    assertEquals(List.of("eu-west-1/validate-cancel-validation"), rds.deleted);
  }

  @Test
  void aWorkerFailureAfterTheRestoreCallCreatesNoSecondInstance(
      WorkflowClient client, Worker worker) {
    rds.crashAfterFirstRestore = true;
    stub(client, worker, "validate-retry").run(BackupValidationInput.newest("inventory"));
    assertEquals(2, rds.restoreCalls.get());
    assertEquals(List.of("eu-west-1/validate-retry-validation"), rds.created);
    assertEquals(List.of("eu-west-1/validate-retry-validation"), rds.deleted);
  }

  @Test
  void noSnapshotAndABadPickAreRefusedClearly(WorkflowClient client, Worker worker) {
    WorkflowFailedException bad =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "validate-pick")
                    .run(new BackupValidationInput("inventory", "oldest", null, null, null, null)));
    assertEquals("pick: 'oldest' is not valid; allowed: newest, random", Failures.rootMessage(bad));

    rds.snapshots.clear();
    WorkflowFailedException none =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "validate-none")
                    .run(BackupValidationInput.newest("inventory")));
    assertEquals(
        "snapshot: no available snapshot of mycomputer-inventory-db in eu-west-1",
        Failures.rootMessage(none));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void randomPicksOnlyFromTheWindow(WorkflowClient client, Worker worker) {
    BackupValidationResult result =
        stub(client, worker, "validate-random")
            .run(new BackupValidationInput("inventory", "random", "1d", null, null, null));
    assertTrue(
        List.of("inventory-snapshot-newest", "rds:mycomputer-inventory-db-auto")
            .contains(result.snapshot().snapshotId()),
        result.snapshot().snapshotId());
  }

  private static BackupValidationWorkflow stub(
      WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(
        BackupValidationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(workflowId)
            .build());
  }
}
