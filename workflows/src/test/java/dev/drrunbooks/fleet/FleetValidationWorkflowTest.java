package dev.drrunbooks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.DbInstanceQuota;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflowImpl;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.restore.FakeRds;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fleet parent over real backup-validation children, with the fake RDS (time skipping). */
class FleetValidationWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(FleetValidationWorkflowImpl.class, BackupValidationWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();
  private final FakeRdsAccount account = new FakeRdsAccount();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, account, new FakeCatalog());
    env.start();
  }

  /** Every catalog service but inventory (which FakeRds has already) gets a snapshot. */
  private void snapshotsFor(String... services) {
    for (String service : services) {
      String instance = "mycomputer-" + service.replace("-", "") + "-db";
      rds.snapshot(
          "eu-west-1",
          service + "-snapshot",
          Instant.now().minus(Duration.ofHours(1)),
          "manual",
          "available",
          instance);
    }
  }

  @Test
  void neverHasMoreChildrenInFlightThanItsLimitAndValidatesTheCriticalFirst(
      WorkflowClient client, Worker worker) {
    snapshotsFor("customer-base", "payments", "locations");
    rds.awaitMillis = 300;

    FleetValidationResult r =
        stub(client, worker, "fleet-all")
            .run(new FleetValidationInput(List.of("all"), 2, null, null, null));

    Histories.record(client, "fleet-all", "fleet-validation-all");
    assertTrue(r.passed(), r.summary());
    assertEquals(
        List.of("customer-base", "payments", "inventory", "locations"),
        r.members().stream().map(FleetMemberResult::service).toList());
    assertEquals(2, r.mostAtOnce());
    assertTrue(rds.mostAwaiting.get() <= 2, "restores awaited at once: " + rds.mostAwaiting);
    assertEquals(new FleetLimits(2, 2), r.limits());
    assertEquals("fleet-all-payments", r.members().get(1).workflowId());
    assertEquals(4, rds.deleted.size());
    assertEquals("Backups of 4 of 4 service(s) validated", r.summary());
    // the last two waited for a slot; the first two did not
    assertEquals(Duration.ZERO, r.members().get(0).queuedFor());
    assertTrue(r.members().get(3).queuedFor().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void aFailedChildIsReportedWhileTheOthersFinish(WorkflowClient client, Worker worker) {
    snapshotsFor("customer-base", "payments"); // locations has none

    FleetValidationResult r =
        stub(client, worker, "fleet-one-fails").run(FleetValidationInput.all());

    Histories.record(client, "fleet-one-fails", "fleet-validation-one-fails");
    assertFalse(r.passed());
    assertEquals(
        List.of("PASSED", "PASSED", "PASSED", "FAILED"),
        r.members().stream().map(FleetMemberResult::outcome).toList());
    FleetMemberResult locations = r.members().get(3);
    assertTrue(
        locations.summary().startsWith("snapshot: no available snapshot of"), locations.summary());
    assertEquals(List.of(locations), r.notPassed());
    assertEquals(
        "Backups of 3 of 4 service(s) validated; not validated: locations FAILED", r.summary());
    assertEquals(3, rds.deleted.size());
  }

  @Test
  void cancellingTheFleetCancelsEveryChildInFlightAndWaitsForTheirCleanUps(
      WorkflowClient client, Worker worker) throws Exception {
    snapshotsFor("customer-base", "payments", "locations");
    rds.blockInAwait = true;
    FleetValidationWorkflow fleet = stub(client, worker, "fleet-cancel");
    WorkflowClient.start(fleet::run, new FleetValidationInput(List.of("all"), 2, 1, null, null));
    for (int i = 0; i < 300 && rds.awaiting.get() < 1; i++) Thread.sleep(100);
    assertEquals(1, rds.awaiting.get());

    WorkflowStub.fromTyped(fleet).cancel();

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(fleet).getResult(FleetValidationResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    // one in flight (maxPerRegion 1): its validation copy deleted by its own clean-up; none other
    // was ever created
    assertEquals(List.of("eu-west-1/fleet-cancel-customer-base-validation"), rds.deleted);
    assertEquals(rds.created, rds.deleted);
  }

  @Test
  void aRegionNearItsDbInstanceQuotaGetsNoMoreRestoresAtOnceThanItsHeadroom(
      WorkflowClient client, Worker worker) {
    snapshotsFor("customer-base", "payments", "locations");
    rds.awaitMillis = 300;
    account.quotas.put("eu-west-1", new DbInstanceQuota("eu-west-1", 40, 39));

    FleetValidationResult r =
        stub(client, worker, "fleet-quota")
            .run(new FleetValidationInput(List.of("all"), 4, null, null, null));

    Histories.record(client, "fleet-quota", "fleet-validation-db-instance-quota");
    assertTrue(r.passed(), r.summary());
    assertEquals(1, r.mostAtOnce(), "one restore at a time: the quota has room for one");
    assertTrue(rds.mostAwaiting.get() <= 1, "restores awaited at once: " + rds.mostAwaiting);
    assertEquals(List.of("eu-west-1"), account.asked, "read once per region");
    assertTrue(
        r.timeline().stream()
            .anyMatch(
                e ->
                    e.detail()
                        .equals(
                            "eu-west-1: 39 of 40 DB instances used: at most 1 restore(s) at once"
                                + " there")),
        r.timeline().toString());
  }

  @Test
  void aRegionWithoutRoomUnderItsQuotaStartsNothingAndSaysWhy(
      WorkflowClient client, Worker worker) {
    snapshotsFor("customer-base", "payments", "locations");
    account.quotas.put("eu-west-1", new DbInstanceQuota("eu-west-1", 40, 41));

    FleetValidationResult r = stub(client, worker, "fleet-full").run(FleetValidationInput.all());

    assertFalse(r.passed());
    for (FleetMemberResult m : r.members()) {
      assertEquals(FleetMemberResult.NOT_STARTED, m.outcome(), m.toString());
      assertEquals(
          "not started: no room under the DB-instance quota (eu-west-1: 41 of 40 DB instances"
              + " used)",
          m.summary());
    }
    assertEquals(List.of(), rds.created, "no restore was even tried");
    assertEquals(0, r.mostAtOnce());
  }

  @Test
  void aQuotaThatCannotBeReadLeavesTheFleetsOwnLimits(WorkflowClient client, Worker worker) {
    snapshotsFor("customer-base", "payments", "locations");
    rds.awaitMillis = 300;
    account.denied = true;

    FleetValidationResult r =
        stub(client, worker, "fleet-quota-denied")
            .run(new FleetValidationInput(List.of("all"), 3, 2, null, null));

    assertTrue(r.passed(), r.summary());
    assertEquals(2, r.mostAtOnce());
    assertTrue(
        r.timeline().stream()
            .anyMatch(
                e ->
                    e.detail().startsWith("not read (reading the DB-instance quota in eu-west-1")
                        && e.detail().endsWith("): the fleet's own limit of 2 per region stays")),
        r.timeline().toString());
  }

  @Test
  void anAccountWhoseRdsReportsNoQuotaKeepsTheFleetsOwnLimits(
      WorkflowClient client, Worker worker) {
    snapshotsFor("customer-base", "payments", "locations");
    rds.awaitMillis = 300;
    account.reportsNone = true;

    FleetValidationResult r =
        stub(client, worker, "fleet-quota-none")
            .run(new FleetValidationInput(List.of("all"), 3, 3, null, null));

    assertTrue(r.passed(), r.summary());
    assertEquals(3, r.mostAtOnce());
    assertTrue(
        r.timeline().stream()
            .anyMatch(
                e ->
                    e.detail()
                        .equals("RDS reports none: the fleet's own limit of 3 per region stays")),
        r.timeline().toString());
  }

  @Test
  void limitsOutOfRangeAreRefusedBeforeAnyChildStarts(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "fleet-bad")
                    .run(new FleetValidationInput(List.of("all"), 4, 5, null, null)));
    ApplicationFailure f = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals(
        "maxPerRegion: '5' is not valid; allowed: 1 to maxConcurrent (4)", f.getOriginalMessage());
    assertEquals(List.of(), rds.created);
  }

  private static FleetValidationWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        FleetValidationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .build());
  }
}
