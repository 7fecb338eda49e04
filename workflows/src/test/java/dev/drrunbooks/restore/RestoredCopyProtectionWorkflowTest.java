package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflow;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflowImpl;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, finding 3: a recovery's copy is protected as its source once it passed validation; a
 * validation copy never is, so its run can delete it (a backup validation's, a drill's). The
 * FakeRds source has deletion protection on.
 */
class RestoredCopyProtectionWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          PointInTimeRestoreWorkflowImpl.class,
          SnapshotRestoreWorkflowImpl.class,
          BackupValidationWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  @Test
  void aRecoveredCopyIsProtectedAsItsSourceOnceValidated(WorkflowClient client, Worker worker) {
    PointInTimeRestoreResult result =
        pitr(client, worker, "pitr-protected").run(PointInTimeRestoreInput.latest("inventory"));

    Histories.record(client, "pitr-protected", "pitr-copy-protected");
    assertEquals(
        List.of("eu-west-1/pitr-protected-pitr kept from mycomputer-inventory-db"),
        rds.protections);
    assertTrue(result.copySettings().kept());
    assertTrue(result.copySettings().deletionProtection());
    assertEquals(List.of(), result.copySettings().differences());
    assertTrue(
        result.summary().endsWith("; copy kept, deletion protection on; as its source"),
        result.summary());
    assertTrue(
        result.timeline().stream()
            .anyMatch(
                t ->
                    t.step()
                        .equals(
                            "protect pitr-protected-pitr as its source mycomputer-inventory-db")),
        result.timeline().toString());
    assertEquals(List.of(), rds.deleted);
  }

  @Test
  void aValidationCopyIsLeftDeletableAndSaysWhyItDiffers(WorkflowClient client, Worker worker) {
    PointInTimeRestoreResult result =
        pitr(client, worker, "pitr-validation-copy").run(purpose("validation"));

    assertEquals(
        List.of("eu-west-1/pitr-validation-copy-pitr validation from mycomputer-inventory-db"),
        rds.protections);
    assertFalse(result.copySettings().kept());
    assertFalse(result.copySettings().deletionProtection());
    assertEquals(
        List.of(
            new SettingDifference(
                "deletion protection", "on", "off", "validation copy, deleted at the end")),
        result.copySettings().differences());
    assertTrue(
        result
            .summary()
            .endsWith(
                "; copy validation copy, deletion protection off; differs from its source in"
                    + " deletion protection (off)"),
        result.summary());
    assertEquals(
        "deleting",
        rds.deleteOwnedInstance(
            "eu-west-1",
            "pitr-validation-copy-pitr",
            new dev.drrunbooks.model.Ownership(
                "pitr-validation-copy",
                rds.ownedBy("pitr-validation-copy")
                    .get(0)
                    .tags()
                    .get(dev.drrunbooks.model.Ownership.RUN_TAG),
                "pitr")));
  }

  @Test
  void aCopyThatFailsValidationIsNeverProtectedSoTheCleanupDeletesIt(
      WorkflowClient client, Worker worker) {
    rds.failValidation = true;

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                pitr(client, worker, "pitr-unprotected")
                    .run(PointInTimeRestoreInput.latest("inventory")));

    assertTrue(
        Failures.rootMessage(e).endsWith("(cleanup: rds:pitr-unprotected-pitr deleting)"),
        Failures.rootMessage(e));
    assertEquals(List.of(), rds.protections, "protection comes after validation");
    assertEquals(List.of("eu-west-1/pitr-unprotected-pitr"), rds.deleted);
  }

  @Test
  void aRecoveryWhoseProtectionCannotBeVerifiedKeepsItsGoodCopyAndSaysSo(
      WorkflowClient client, Worker worker) {
    rds.protectionFails =
        "RDS instance 'x' does not show the settings sent: deletion protection intended on, found"
            + " off";

    PointInTimeRestoreResult result =
        pitr(client, worker, "pitr-not-verified").run(PointInTimeRestoreInput.latest("inventory"));

    assertEquals(
        List.of(), rds.deleted, "the recovered data is good: not deleted for want of a setting");
    assertFalse(result.copySettings().deletionProtection());
    assertEquals(
        "deletion protection and backup retention: source as described, copy NOT VERIFIED: "
            + rds.protectionFails,
        result.copySettings().differences().get(0).describe());
    assertTrue(
        result
            .summary()
            .endsWith(
                "; copy kept, deletion protection off; differs from its source in deletion"
                    + " protection and backup retention (NOT VERIFIED)"),
        result.summary());
  }

  @Test
  void anUnknownPurposeIsRefusedBeforeAnythingIsRestored(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> pitr(client, worker, "pitr-bad-purpose").run(purpose("forensics")));

    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith("purpose: 'forensics' is not valid; allowed: recovery (default"),
        Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());

    WorkflowFailedException s =
        assertThrows(
            WorkflowFailedException.class,
            () -> snapshot(client, worker, "restore-bad-purpose").run(snapshotPurpose("keep")));
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(s));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void aSnapshotRestoreKeepsItsCopyProtectedUnlessItIsADrillsValidationCopy(
      WorkflowClient client, Worker worker) {
    SnapshotRestoreResult kept =
        snapshot(client, worker, "restore-protected").run(SnapshotRestoreInput.latest("inventory"));
    SnapshotRestoreResult drill =
        snapshot(client, worker, "restore-drill-copy").run(snapshotPurpose("Validation"));

    Histories.record(client, "restore-protected", "snapshot-restore-copy-protected");
    assertEquals(
        List.of(
            "eu-west-1/restore-protected-restored kept from mycomputer-inventory-db",
            "eu-west-1/restore-drill-copy-restored validation from mycomputer-inventory-db"),
        rds.protections);
    assertTrue(kept.copySettings().deletionProtection());
    assertFalse(drill.copySettings().deletionProtection());
    assertTrue(rds.deletionProtected.contains("eu-west-1/restore-protected-restored"));
  }

  @Test
  void aBackupValidationCopyIsCheckedDeletableBeforeItsCleanupAndListsItsDifferences(
      WorkflowClient client, Worker worker) {
    BackupValidationResult result =
        client
            .newWorkflowStub(
                BackupValidationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId("validate-copy-checked")
                    .build())
            .run(BackupValidationInput.newest("inventory"));

    Histories.record(client, "validate-copy-checked", "backup-validation-copy-checked");
    assertEquals(
        List.of(
            "eu-west-1/validate-copy-checked-validation validation from mycomputer-inventory-db"),
        rds.protections);
    assertEquals(
        List.of(
            new SettingDifference(
                "deletion protection", "on", "off", "validation copy, deleted at the end")),
        result.copySettings().differences());
    assertEquals(List.of("eu-west-1/validate-copy-checked-validation"), rds.deleted);
  }

  @Test
  void purposeParsesRecoveryByDefault() {
    assertEquals(CopyPurpose.RECOVERY, CopyPurpose.parse("purpose", null));
    assertEquals(CopyPurpose.RECOVERY, CopyPurpose.parse("purpose", " "));
    assertEquals(CopyPurpose.RECOVERY, CopyPurpose.parse("purpose", "Recovery"));
    assertEquals(CopyPurpose.VALIDATION, CopyPurpose.parse("purpose", " validation "));
    assertTrue(CopyPurpose.RECOVERY.keeps());
    assertFalse(CopyPurpose.VALIDATION.keeps());
    assertEquals("validation", CopyPurpose.VALIDATION.inputValue());
    assertNull(PointInTimeRestoreInput.latest("inventory").purpose());
  }

  private static PointInTimeRestoreInput purpose(String purpose) {
    return new PointInTimeRestoreInput(
        "inventory",
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
        purpose,
        null);
  }

  private static SnapshotRestoreInput snapshotPurpose(String purpose) {
    return new SnapshotRestoreInput(
        "inventory",
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
        null,
        purpose);
  }

  private static PointInTimeRestoreWorkflow pitr(
      WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(
        PointInTimeRestoreWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(workflowId)
            .build());
  }

  private static SnapshotRestoreWorkflow snapshot(
      WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(
        SnapshotRestoreWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(workflowId)
            .build());
  }
}
