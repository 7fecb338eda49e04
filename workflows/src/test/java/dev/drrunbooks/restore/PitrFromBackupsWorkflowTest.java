package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, findings 1 and 2: a point-in-time restore of an instance that no longer exists (from
 * its retained automated backups) and in the DR region (from the automated backups replicated
 * there).
 */
class PitrFromBackupsWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(PointInTimeRestoreWorkflowImpl.class);

  private static final String LOCATIONS = "mycomputer-locations-db";
  private static final String APP_SG = "sg-0123456789abcdef0";

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  /** Finding 1: someone deleted locations' instance; its automated backups were retained. */
  @Test
  void aDeletedInstanceIsRestoredFromItsRetainedBackupsToTheAskedTime(
      WorkflowClient client, Worker worker) {
    Instant deletedAt = rds.now.minus(Duration.ofMinutes(2));
    rds.retainedBackup(
        "eu-west-1",
        LOCATIONS,
        "db-LOCATIONSDELETED",
        new RestorableWindow(rds.now.minus(Duration.ofDays(30)), deletedAt));
    Instant asked = rds.now.minus(Duration.ofMinutes(10));

    PointInTimeRestoreResult result =
        stub(client, worker, "pitr-locations-deleted").run(placed(asked, null));

    Histories.record(client, "pitr-locations-deleted", "pitr-deleted-instance-retained-backup");
    assertEquals(asked, result.restorePoint());
    PointInTimeRestoreRequest sent = rds.pitrRequests.get(0);
    assertEquals(asked, sent.restoreTime(), "RDS was asked for exactly that point");
    assertEquals(RestoreSource.RETAINED_BACKUP, sent.source().kind());
    assertEquals("db-LOCATIONSDELETED", sent.source().dbiResourceId());
    assertEquals(
        "retained automated backup of deleted instance "
            + LOCATIONS
            + " (resource id db-LOCATIONSDELETED)",
        result.restoredFrom());
    assertEquals("eu-west-1", result.region());
    assertTrue(
        result
            .summary()
            .startsWith(
                "Restored retained automated backup of deleted instance "
                    + LOCATIONS
                    + " (resource id db-LOCATIONSDELETED) to "
                    + asked),
        result.summary());
    assertEquals("available", rds.instances.get("eu-west-1/" + result.restoredInstance()).status());
    assertTrue(
        result.timeline().stream().noneMatch(e -> e.outcome() == Outcome.SKIPPED),
        "nothing to skip");
  }

  /**
   * Finding 2: the primary region is gone; the automated backups replicated to the DR region are
   * restored.
   */
  @Test
  void theDrRegionRestoresFromReplicatedBackupsAndMeasuresRpoAgainstTheReplica(
      WorkflowClient client, Worker worker) {
    Instant replicaLatest = rds.now.minus(Duration.ofMinutes(12));
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(rds.now.minus(Duration.ofDays(7)), replicaLatest));
    Instant incident = rds.now.minus(Duration.ofMinutes(1));

    PointInTimeRestoreResult result =
        stub(client, worker, "pitr-inventory-dr")
            .run(
                new PointInTimeRestoreInput(
                    "inventory",
                    null,
                    null,
                    null,
                    incident.toString(),
                    null,
                    null,
                    null,
                    null,
                    "dr-subnets",
                    List.of(APP_SG),
                    "dr-postgres15",
                    null,
                    null,
                    "dr"));

    Histories.record(client, "pitr-inventory-dr", "pitr-dr-region-replicated-backups");
    assertEquals("eu-central-1", result.region());
    assertEquals(
        replicaLatest, result.restorePoint(), "latest is the replica's latest restorable time");
    assertEquals(
        Duration.ofMinutes(11), result.objectives().rpo().achieved(), "RPO against the replica");
    PointInTimeRestoreRequest sent = rds.pitrRequests.get(0);
    assertEquals("eu-central-1", sent.region());
    assertEquals(
        "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-replica",
        sent.source().automatedBackupArn());
    assertEquals("dr-subnets", sent.shape().subnetGroup());
    assertTrue(rds.instances.containsKey("eu-central-1/" + result.restoredInstance()));
    assertTrue(result.summary().contains(" in eu-central-1; "), result.summary());
    assertEquals(
        List.of("items-present", "transactions-present", "no-negative-stock"),
        result.validation().outcomes().stream().map(o -> o.name()).toList(),
        "no source to compare with");
    assertEquals(
        List.of(
            "no live source to compare with (automated backups of mycomputer-inventory-db"
                + " replicated from eu-west-1 to eu-central-1"
                + " (arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-replica)): skipped"
                + " items-match-source"),
        result.timeline().stream()
            .filter(e -> e.outcome() == Outcome.SKIPPED)
            .map(e -> e.detail())
            .toList(),
        "the source comparison is skipped, and says so");
  }

  @Test
  void aTimeOutsideTheReplicasWindowIsRefusedNamingTheReplica(
      WorkflowClient client, Worker worker) {
    Instant replicaLatest = rds.now.minus(Duration.ofMinutes(12));
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(rds.now.minus(Duration.ofDays(7)), replicaLatest));
    Instant asked = rds.now.minus(Duration.ofMinutes(5));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-dr-late")
                    .run(
                        new PointInTimeRestoreInput(
                            "inventory",
                            null,
                            asked.toString(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "dr-subnets",
                            List.of(APP_SG),
                            "dr-postgres15",
                            null,
                            null,
                            "eu-central-1")));

    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e)
            .contains(
                "the restorable window of automated backups of mycomputer-inventory-db"
                    + " replicated from eu-west-1 to eu-central-1"),
        Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void withoutPlacementARestoreFromBackupsIsRefusedBeforeAnythingIsCreated(
      WorkflowClient client, Worker worker) {
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(
            rds.now.minus(Duration.ofDays(7)), rds.now.minus(Duration.ofMinutes(12))));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-dr-bare")
                    .run(
                        new PointInTimeRestoreInput(
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
                            "dr")));

    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(e));
    assertEquals(
        "dbSubnetGroup, securityGroupIds, dbParameterGroup are required: restoring automated"
            + " backups of mycomputer-inventory-db replicated from eu-west-1 to eu-central-1"
            + " (arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-replica) in eu-central-1 has"
            + " no live instance to copy the network and parameter group from (RDS would use its"
            + " defaults); give --subnet-group, --security-group-ids, --parameter-group (input:"
            + " dbSubnetGroup, securityGroupIds, dbParameterGroup), or set the catalog's"
            + " database.restore (primary region) or database.drRestore (DR region)",
        Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void aSingleMissingSettingIsNamedWithItsFlag(WorkflowClient client, Worker worker) {
    rds.replicatedBackup(
        "eu-west-1",
        "eu-central-1",
        "mycomputer-inventory-db",
        new RestorableWindow(
            rds.now.minus(Duration.ofDays(7)), rds.now.minus(Duration.ofMinutes(12))));

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-dr-no-pg")
                    .run(
                        new PointInTimeRestoreInput(
                            "inventory",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "dr-subnets",
                            List.of(APP_SG),
                            null,
                            null,
                            null,
                            "dr")));

    assertTrue(
        Failures.rootMessage(e).startsWith("dbParameterGroup is required: restoring"),
        Failures.rootMessage(e));
    assertTrue(
        Failures.rootMessage(e)
            .contains("; give --parameter-group (input: dbParameterGroup), or set"),
        Failures.rootMessage(e));
    assertEquals(0, rds.restoreCalls.get());
  }

  @Test
  void nothingRestorableFailsWithWhatWasSearchedAndABadRegionIsBadInput(
      WorkflowClient client, Worker worker) {
    rds.instances.remove("eu-west-1/" + LOCATIONS);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub(client, worker, "pitr-nothing").run(placed(null, null)));
    assertEquals("RdsNoRestoreSource", Failures.rootType(e));
    assertEquals(0, rds.restoreCalls.get());

    e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub(client, worker, "pitr-bad-region").run(placed(null, "mars")));
    assertEquals(
        "region: 'mars' is not valid; expected primary, dr or an AWS region name such as"
            + " eu-central-1",
        Failures.rootMessage(e));
  }

  @Test
  void aLiveInstanceIsStillRestoredByItsName(WorkflowClient client, Worker worker) {
    PointInTimeRestoreResult result =
        stub(client, worker, "pitr-live").run(PointInTimeRestoreInput.latest("inventory"));
    assertEquals("instance mycomputer-inventory-db", result.restoredFrom());
    assertTrue(rds.pitrRequests.get(0).source().isInstance());
    assertNull(rds.pitrRequests.get(0).shape().subnetGroup(), "placement as the live source");
  }

  private static PointInTimeRestoreInput placed(Instant point, String region) {
    return new PointInTimeRestoreInput(
        "locations",
        null,
        point == null ? null : point.toString(),
        null,
        null,
        null,
        null,
        null,
        null,
        "app-subnets",
        List.of(APP_SG),
        "app-postgres15",
        null,
        null,
        region);
  }

  private static PointInTimeRestoreWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        PointInTimeRestoreWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(worker.getTaskQueue()).build());
  }
}
