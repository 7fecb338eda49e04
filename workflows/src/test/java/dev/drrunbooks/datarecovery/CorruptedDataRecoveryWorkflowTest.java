package dev.drrunbooks.datarecovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.sql.replay.UnrecoveredRow;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.restore.FakeRds;
import dev.drrunbooks.runcleanup.ChildClosePolicies;
import dev.drrunbooks.testing.AnsweringAs;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CorruptedDataRecoveryWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          CorruptedDataRecoveryWorkflowImpl.class, PointInTimeRestoreWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();
  private final FakeReplay replay = new FakeReplay();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, replay, new FakeCatalog());
    env.start();
  }

  @Test
  void findsConfirmsRestoresAndReplaysWithTwoApprovals(WorkflowClient client, Worker worker) {
    CorruptedDataRecoveryWorkflow wf = start(client, worker, "recover-data-inventory-1");
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP);
    assertEquals(replay.corruption, wf.status().corruptionTime());
    assertEquals(List.of(), rds.created, "nothing restored before the operator confirms");

    wf.approve(
        new Approval(
            CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP, "dba", "matches the ETL incident"));
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
    assertEquals(
        61, wf.status().plan().toApply(), "the operator sees the plan before approving it");
    assertTrue(replay.calls.stream().noneMatch(c -> c.startsWith("apply")));

    wf.approve(
        new Approval(
            CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP, "dba", "61 good, 5 ETL rows skipped"));
    CorruptedDataRecoveryResult result =
        WorkflowStub.fromTyped(wf).getResult(CorruptedDataRecoveryResult.class);

    assertEquals(
        replay.corruption.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(1),
        result.restorePoint());
    assertEquals("recover-data-inventory-1-pitr-pitr", result.recoveredInstance());
    assertEquals(61, result.replay().applied());
    assertEquals(1, result.replay().skipped().size());
    assertEquals(
        Duration.ZERO, result.rpo().achieved(), "every good transaction replayed: RPO zero");
    assertTrue(
        result.integrity().outcomes().stream()
            .anyMatch(o -> o.name().equals("rows-inventory_transactions")));
    assertTrue(
        replay.calls.contains("plan after " + result.restorePoint() + " skipping [etl:stock-sync]"),
        replay.calls.toString());
    assertTrue(
        replay.calls.contains("scan logs mycomputer-inventory-db"),
        "the runbook's error log scan ran");
    assertEquals(DataRecoveryOutcome.RECOVERED, result.outcome());
    assertTrue(result.integrityAfterReplay().passed(), result.integrityAfterReplay().summary());
    assertTrue(result.verification().passed(), result.verification().summary());
    assertEquals(
        replay.calls.indexOf("apply to " + result.recoveredInstance() + " in batches of 500") + 1,
        replay.calls.indexOf("verify " + result.recoveredInstance()),
        "checked after the replay: " + replay.calls);
    assertTrue(result.summary().endsWith("RPO 0"), result.summary());
    assertEquals(
        List.of("recover-data-inventory-1-pitr REQUEST_CANCEL"),
        ChildClosePolicies.of(client, "recover-data-inventory-1"));
    Histories.record(client, "recover-data-inventory-1", "data-recovery-replayed");
    Histories.record(client, "recover-data-inventory-1", "data-recovery-verified");
  }

  /**
   * Finding 8: the recovered database still has rows wrong after the replay. The run does not
   * report success or RPO 0; it ends NOT_RECOVERED naming exactly those rows, table and id.
   */
  @Test
  void rowsStillWrongAfterTheReplayEndTheRunNotRecoveredNamingThem(
      WorkflowClient client, Worker worker) {
    List<UnrecoveredRow> wrong =
        List.of(
            new UnrecoveredRow("inventory_items", 7, "quantity -3 is negative"),
            new UnrecoveredRow(
                "inventory_transactions",
                3042,
                "good transaction T-3042 (+2 on item 9) is missing"));
    replay.stillWrong = wrong;
    CorruptedDataRecoveryWorkflow wf = start(client, worker, "recover-data-still-wrong");
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP);
    wf.approve(
        new Approval(
            CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP, "dba", "matches the ETL incident"));
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
    wf.approve(new Approval(CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP, "dba", "replay"));

    CorruptedDataRecoveryResult result =
        WorkflowStub.fromTyped(wf).getResult(CorruptedDataRecoveryResult.class);

    assertEquals(DataRecoveryOutcome.NOT_RECOVERED, result.outcome());
    assertEquals(wrong, result.verification().rows());
    assertTrue(
        result
            .summary()
            .startsWith(
                "NOT RECOVERED: 2 row(s) of recover-data-still-wrong-pitr-pitr still wrong:"
                    + " inventory_items #7: quantity -3 is negative; inventory_transactions #3042:"
                    + " good transaction T-3042"),
        result.summary());
    assertTrue(result.summary().endsWith("RPO not zero"), result.summary());
    assertTrue(result.rpo().achieved().compareTo(Duration.ZERO) > 0, result.rpo().toString());
    assertTrue(result.rpo().basis().contains("inventory_items #7"), result.rpo().basis());
    assertEquals(
        1,
        rds.ownedBy("recover-data-still-wrong-pitr").size(),
        "the recovered instance stays up to repair");
  }

  @Test
  void anOperatorCorrectsTheRestorePointAndABadCorrectionIsRejected(
      WorkflowClient client, Worker worker) {
    CorruptedDataRecoveryWorkflow wf = start(client, worker, "recover-data-corrected");
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP);

    WorkflowUpdateException late =
        assertThrows(
            WorkflowUpdateException.class,
            () ->
                wf.correctRestorePoint(
                    new RestorePointCorrection(
                        replay.corruption.plusSeconds(60).toString(), "dba", "typo")));
    assertTrue(
        Failures.rootMessage(late).contains("is not before the corruption"),
        Failures.rootMessage(late));
    Instant earlier =
        replay
            .corruption
            .minus(Duration.ofMinutes(10))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    assertEquals(
        earlier,
        wf.correctRestorePoint(
            new RestorePointCorrection(earlier.toString(), "dba", "a bad import started at :50")));

    wf.approve(new Approval(CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP, "dba", "confirmed"));
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
    wf.abort(new Approval(CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP, "dba", "replay by hand"));
    CorruptedDataRecoveryResult result =
        WorkflowStub.fromTyped(wf).getResult(CorruptedDataRecoveryResult.class);

    assertEquals(earlier, result.restorePoint());
    assertNull(result.replay());
    assertEquals(DataRecoveryOutcome.REPLAY_NOT_APPROVED, result.outcome());
    assertNull(result.verification(), "nothing replayed, nothing to check after it");
    assertTrue(
        result.rpo().achieved().compareTo(Duration.ofMinutes(10)) >= 0, result.rpo().toString());
    assertEquals(
        1, rds.ownedBy("recover-data-corrected-pitr").size(), "the recovered instance stays up");
  }

  /** A new user cancelled at the replay gate and found the recovered copy still running. */
  @Test
  void aRunCancelledAfterItsRestoreDeletesTheRecoveredCopyItsRestoreMade(
      WorkflowClient client, Worker worker) {
    CorruptedDataRecoveryWorkflow wf = start(client, worker, "recover-data-cancelled");
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP);
    wf.approve(new Approval(CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP, "dba", "confirmed"));
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
    assertEquals(1, rds.ownedBy("recover-data-cancelled-pitr").size());

    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    stub.cancel();
    assertThrows(
        WorkflowFailedException.class, () -> stub.getResult(CorruptedDataRecoveryResult.class));

    assertEquals(
        List.of("eu-west-1/recover-data-cancelled-pitr-pitr"),
        rds.deleted,
        "the copy made by this run's restore, checked against that restore's tags");
    assertEquals(List.of(), rds.ownedBy("recover-data-cancelled-pitr"));
    Histories.record(client, "recover-data-cancelled", "data-recovery-cancelled-after-restore");
  }

  @Test
  void aCorruptionTimeInTheFutureIsRefusedBeforeAnything(WorkflowClient client, Worker worker) {
    String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                client
                    .newWorkflowStub(
                        CorruptedDataRecoveryWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setTaskQueue(worker.getTaskQueue())
                            .setWorkflowId("recover-data-future")
                            .build())
                    .run(new CorruptedDataRecoveryInput("inventory", tomorrow, null, null, null)));
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "corruptionTime: '" + tomorrow + "' is not valid; must not be in " + "the future"),
        Failures.rootMessage(e));
    assertEquals(List.of(), rds.created, "nothing restored");
  }

  /**
   * The second service: Payments is recovered from its own catalog entry. Every replay activity
   * gets its declared ledger, and the restore and the check after the replay run its integrity
   * queries and the row counts of its own tables.
   */
  @Test
  void paymentsIsRecoveredFromItsOwnCatalogEntry(WorkflowClient client, Worker worker) {
    String source = "mycomputer-payments-db";
    rds.instances.put(
        "eu-west-1/" + source,
        new InstanceInfo(
            source,
            "eu-west-1",
            "arn:aws:rds:eu-west-1:123456789012:db:" + source,
            "available",
            source + ".example.eu-west-1.rds.amazonaws.com",
            5432,
            Map.of("environment", "production")));
    CorruptedDataRecoveryWorkflow wf = start(client, worker, "recover-data-payments-1", "payments");
    // Payments is Critical: each gate takes two of the on-call SREs its catalog entry names.
    String id = "recover-data-payments-1";
    for (String step :
        List.of(
            CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP,
            CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP)) {
      awaitGate(wf, step);
      AnsweringAs.stub(client, "operator:sre-alice", CorruptedDataRecoveryWorkflow.class, id)
          .approve(new Approval(step, "finance-dba", "the FX batch run"));
      assertEquals(step, wf.status().waitingFor().step(), "one of two approvals");
      AnsweringAs.stub(client, "operator:sre-bob", CorruptedDataRecoveryWorkflow.class, id)
          .approve(new Approval(step, "sre-on-call", "good entries only"));
    }
    CorruptedDataRecoveryResult result =
        WorkflowStub.fromTyped(wf).getResult(CorruptedDataRecoveryResult.class);

    assertEquals(DataRecoveryOutcome.RECOVERED, result.outcome(), result.summary());
    assertEquals(
        List.of("payment_entries", "payment_entries", "payment_entries", "payment_entries"),
        replay.ledgers,
        "find, plan, apply, verify: " + replay.calls);
    assertTrue(replay.calls.contains("scan logs mycomputer-payments-db"), replay.calls.toString());
    List<String> checks =
        List.of(
            "balances-match-ledger",
            "accounts-match-source",
            "rows-accounts",
            "rows-payment_entries",
            "rows-payment_audit");
    assertEquals(checks, result.integrity().outcomes().stream().map(o -> o.name()).toList());
    assertEquals(
        checks, result.integrityAfterReplay().outcomes().stream().map(o -> o.name()).toList());
    assertTrue(
        result.timeline().stream()
            .anyMatch(t -> t.step().equals("search payment_audit for the corruption")),
        result.timeline().toString());
    Histories.record(client, "recover-data-payments-1", "data-recovery-payments");
    // Recorded with the approval policy: two verified approvers at each gate.
    Histories.record(client, "recover-data-payments-1", "data-recovery-payments-two-approvers");
  }

  @Test
  void aServiceWithoutDataRecoveryInTheCatalogIsRefusedBeforeAnything(
      WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                client
                    .newWorkflowStub(
                        CorruptedDataRecoveryWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setTaskQueue(worker.getTaskQueue())
                            .setWorkflowId("recover-data-locations")
                            .build())
                    .run(CorruptedDataRecoveryInput.of("locations")));
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    assertEquals(
        "service: 'locations' is not valid; a service whose catalog entry declares"
            + " database.dataRecovery (the ledger to replay, the balance it moves, the audit"
            + " trail); locations declares none",
        Failures.rootMessage(e));
    assertEquals(List.of(), replay.calls, "nothing searched, nothing restored");
    assertEquals(List.of(), rds.created);
  }

  /**
   * The restore refuses the point in its own words (restoreTime); the operator reads corruption
   * time and point.
   */
  @Test
  void aRestorePointOutsideTheRestorableWindowIsReportedAsTheCorruptionTimes(
      WorkflowClient client, Worker worker) {
    String corruption =
        Instant.now()
            .minus(Duration.ofDays(30))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();
    CorruptedDataRecoveryWorkflow wf =
        client.newWorkflowStub(
            CorruptedDataRecoveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("recover-data-too-old")
                .build());
    WorkflowClient.start(
        wf::run, new CorruptedDataRecoveryInput("inventory", corruption, null, null, null));
    awaitGate(wf, CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP);
    wf.approve(
        new Approval(CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP, "dba", "the ticket says so"));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(CorruptedDataRecoveryResult.class));
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    String point = Instant.parse(corruption).minusSeconds(1).toString();
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "corruptionTime: the restore point "
                    + point
                    + " before the "
                    + "corruption at "
                    + corruption
                    + " cannot be restored: '"
                    + point
                    + "' is not valid; the restorable window of "
                    + "mycomputer-inventory-db"),
        Failures.rootMessage(e));
    assertTrue(Failures.rootMessage(e).endsWith("; nothing was restored"), Failures.rootMessage(e));
    assertEquals(List.of(), rds.created);
  }

  @Test
  void noCorruptionFoundAsksForTheTime(WorkflowClient client, Worker worker) {
    replay.noCorruption = true;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                client
                    .newWorkflowStub(
                        CorruptedDataRecoveryWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setTaskQueue(worker.getTaskQueue())
                            .setWorkflowId("recover-data-none")
                            .build())
                    .run(CorruptedDataRecoveryInput.of("inventory")));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "corruptionTime: none given, and no corruption found in "
                    + "mycomputer-inventory-db's audit_log"),
        Failures.rootMessage(e));
  }

  private static CorruptedDataRecoveryWorkflow start(
      WorkflowClient client, Worker worker, String id) {
    return start(client, worker, id, "inventory");
  }

  private static CorruptedDataRecoveryWorkflow start(
      WorkflowClient client, Worker worker, String id, String service) {
    CorruptedDataRecoveryWorkflow wf =
        client.newWorkflowStub(
            CorruptedDataRecoveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, CorruptedDataRecoveryInput.of(service));
    return wf;
  }

  private static void awaitGate(CorruptedDataRecoveryWorkflow wf, String step) {
    for (int i = 0; i < 400; i++) {
      DataRecoveryStatus s = wf.status();
      if (s.waitingFor() != null && s.waitingFor().step().equals(step)) return;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("never reached gate " + step + ": " + wf.status());
  }
}
