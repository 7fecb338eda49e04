package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * Issue 11, findings 1 and 2: restoring an instance that no longer exists, and in another region,
 * on the scripted RDS of {@link ScriptedBackupsRds} (retained and replicated automated backups,
 * restores by resource id and backup ARN, as documented at
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html and
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html;
 * moto lacks them). The real {@link RdsRestoreActivitiesImpl} is driven.
 */
class RestoreFromAutomatedBackupsTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String LOCATIONS = "mycomputer-locations-db";
  private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");
  private static final InstanceShape PLACED =
      new InstanceShape(
          null, "app-subnets", List.of("sg-0123456789abcdef0"), "app-pg15", null, null);

  private final ScriptedBackupsRds aws = new ScriptedBackupsRds();
  private final Map<String, Map<String, DBInstance>> instances = aws.instances;
  private final List<RestoreDbInstanceToPointInTimeRequest> restores = aws.restores;
  private final RdsRestoreActivitiesImpl activities =
      new RdsRestoreActivitiesImpl(aws::client, Polling.DEFAULT);
  private final Ownership owner = new Ownership("pitr-locations-x", "run-1", "pitr");

  /** Finding 1: "RDS instance 'mycomputer-locations-db' not found" no longer ends the recovery. */
  @Test
  void aDeletedInstanceIsRestoredByTheResourceIdOfItsRetainedBackupToTheAskedTime() {
    // Deleted twice: an older incarnation's backups are retained too; another instance's are
    // active.
    aws.backup(
        PRIMARY,
        LOCATIONS,
        "db-OLDERINCARNATION",
        "retained",
        null,
        NOW.minus(Duration.ofDays(40)),
        NOW.minus(Duration.ofDays(20)));
    aws.backup(
        PRIMARY,
        LOCATIONS,
        "db-LOCATIONSLATEST",
        "retained",
        null,
        NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(3)));
    aws.backup(
        PRIMARY,
        "mycomputer-inventory-db",
        "db-INVENTORY",
        "active",
        null,
        NOW.minus(Duration.ofDays(7)),
        NOW);
    Instant asked = NOW.minus(Duration.ofMinutes(10));

    RestoreSource source =
        activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, asked));

    assertEquals(RestoreSource.RETAINED_BACKUP, source.kind());
    assertEquals("db-LOCATIONSLATEST", source.dbiResourceId());
    assertEquals(
        new RestorableWindow(NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofMinutes(3))),
        source.window());
    assertEquals(
        "retained automated backup of deleted instance mycomputer-locations-db (resource id"
            + " db-LOCATIONSLATEST)",
        source.description());

    InstanceInfo restored =
        activities.restoreToPointInTime(
            new PointInTimeRestoreRequest(
                PRIMARY, LOCATIONS, "pitr-x", asked, PLACED, owner, source));

    RestoreDbInstanceToPointInTimeRequest sent = restores.get(0);
    assertEquals("db-LOCATIONSLATEST", sent.sourceDbiResourceId());
    assertNull(
        sent.sourceDBInstanceIdentifier(), "never the name: another instance may carry it now");
    assertEquals(asked, sent.restoreTime());
    assertEquals("app-subnets", sent.dbSubnetGroupName());
    assertEquals(asked.toString(), restored.tags().get(RdsTags.RESTORE_POINT));
    assertEquals(LOCATIONS, restored.tags().get(RdsTags.RESTORED_FROM));

    Instant older = NOW.minus(Duration.ofDays(30));
    assertEquals(
        "db-OLDERINCARNATION",
        activities
            .findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, older))
            .dbiResourceId(),
        "the backup whose window holds the time asked for");
  }

  @Test
  void aLiveInstanceOfTheNameIsTheSourceNotAnEarlierOnesRetainedBackups() {
    aws.backup(
        PRIMARY,
        LOCATIONS,
        "db-OLDERINCARNATION",
        "retained",
        null,
        NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofDays(1)));
    instances
        .computeIfAbsent(PRIMARY, r -> new HashMap<>())
        .put(
            LOCATIONS,
            DBInstance.builder()
                .dbInstanceIdentifier(LOCATIONS)
                .dbiResourceId("db-LIVE")
                .dbInstanceStatus("available")
                .backupRetentionPeriod(7)
                .latestRestorableTime(NOW.minus(Duration.ofMinutes(4)))
                .instanceCreateTime(NOW.minus(Duration.ofHours(2)))
                .build());

    RestoreSource source =
        activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, null));

    assertEquals(RestoreSource.INSTANCE, source.kind());
    assertEquals("instance " + LOCATIONS, source.description());
    assertEquals(
        NOW.minus(Duration.ofHours(2)),
        source.window().earliest(),
        "not the older incarnation's window");
  }

  /**
   * Finding 2: the DR region restores from the backups replicated there; the source region is not
   * called.
   */
  @Test
  void theDrRegionRestoresByTheArnOfTheBackupsReplicatedFromThePrimary() {
    String arn = "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-replicafromprimary";
    aws.backup(
        DR,
        LOCATIONS,
        "db-FROMUSEAST1",
        "replicating",
        "us-east-1",
        NOW.minus(Duration.ofDays(7)),
        NOW);
    aws.backup(
        DR,
        LOCATIONS,
        "db-LOCATIONS",
        "replicating",
        PRIMARY,
        NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(8)),
        arn);

    RestoreSource source =
        activities.findRestoreSource(new RestoreSourceQuery(DR, LOCATIONS, PRIMARY, null));

    assertEquals(RestoreSource.REPLICATED_BACKUP, source.kind());
    assertEquals(arn, source.automatedBackupArn());
    assertEquals(
        NOW.minus(Duration.ofMinutes(8)),
        source.window().latest(),
        "the replica's latest restorable time");
    assertEquals(
        "automated backups of mycomputer-locations-db replicated from eu-west-1 to eu-central-1 ("
            + arn
            + ")",
        source.description());

    ApplicationFailure unplaced =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.restoreToPointInTime(
                    new PointInTimeRestoreRequest(
                        DR,
                        LOCATIONS,
                        "pitr-x",
                        source.window().latest(),
                        InstanceShape.asSource(),
                        owner,
                        source)));
    assertEquals("RestorePlacementMissing", unplaced.getType());
    assertEquals(List.of(), restores, "nothing restored into RDS's default network");

    activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(
            DR, LOCATIONS, "pitr-x", source.window().latest(), PLACED, owner, source));
    assertEquals(arn, restores.get(0).sourceDBInstanceAutomatedBackupsArn());
    assertNull(restores.get(0).sourceDBInstanceIdentifier());
    assertNull(restores.get(0).sourceDbiResourceId());
    assertTrue(instances.get(DR).containsKey("pitr-x"));
    assertNull(instances.get(PRIMARY), "the primary region was never called");
  }

  @Test
  void aTimeOutsideTheBackupsWindowIsRefusedByRdsAndReportedNonRetryably() {
    aws.backup(
        PRIMARY,
        LOCATIONS,
        "db-LOCATIONSLATEST",
        "retained",
        null,
        NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(3)));
    RestoreSource source =
        activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, null));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.restoreToPointInTime(
                    new PointInTimeRestoreRequest(
                        PRIMARY, LOCATIONS, "pitr-x", NOW, PLACED, owner, source)));

    assertTrue(e.isNonRetryable());
    assertEquals("RdsInvalidRestore", e.getType());
  }

  /**
   * A well-formed name the SDK does not know would be retried until the activity times out: refused
   * at once.
   */
  @Test
  void aRegionTheSdkDoesNotKnowIsRefusedAtOnceBeforeAnyCall() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.findRestoreSource(
                    new RestoreSourceQuery("xx-fake-9", LOCATIONS, PRIMARY, null)));
    assertEquals("InvalidInput", e.getType());
    assertTrue(e.isNonRetryable());
    assertEquals(
        "region: 'xx-fake-9' is not valid; it is not an AWS region this worker's AWS SDK knows"
            + " (such as eu-west-1, eu-central-1, us-east-1)",
        e.getOriginalMessage());
  }

  @Test
  void nothingRestorableSaysSoAndListsWhatWasSearched() {
    aws.backup(PRIMARY, LOCATIONS, "db-NOWINDOW", "retained", null, null, null);

    ApplicationFailure here =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.findRestoreSource(
                    new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, null)));
    assertEquals("RdsNoRestoreSource", here.getType());
    assertTrue(here.isNonRetryable());
    assertEquals(
        "nothing restorable to a point in time for RDS instance 'mycomputer-locations-db' in"
            + " eu-west-1; searched: RDS instance 'mycomputer-locations-db' in eu-west-1"
            + " (DescribeDBInstances): not found; retained automated backups of deleted instance"
            + " 'mycomputer-locations-db' in eu-west-1 (DescribeDBInstanceAutomatedBackups): 1"
            + " found, none with a restore window (a final or manual snapshot is restored with dr"
            + " restore-snapshot)",
        here.getOriginalMessage());

    ApplicationFailure dr =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.findRestoreSource(new RestoreSourceQuery(DR, LOCATIONS, PRIMARY, null)));
    assertEquals(
        "nothing restorable to a point in time for RDS instance 'mycomputer-locations-db' in"
            + " eu-central-1; searched: automated backups of 'mycomputer-locations-db' replicated"
            + " from eu-west-1 to eu-central-1 (DescribeDBInstanceAutomatedBackups in"
            + " eu-central-1): none (is automated backup replication to eu-central-1 on?)",
        dr.getOriginalMessage());
  }

  /**
   * The snapshot side of finding 1: a deleted instance's final snapshot and the automated ones kept
   * with it.
   */
  @Test
  void aDeletedInstancesSnapshotsIncludeThoseKeptWithItsRetainedBackupsByResourceId() {
    aws.backup(
        PRIMARY,
        LOCATIONS,
        "db-LOCATIONSLATEST",
        "retained",
        null,
        NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(3)));
    aws.snapshots.put(
        PRIMARY,
        List.of(
            snapshot(LOCATIONS + "-final", LOCATIONS, "db-LOCATIONSLATEST", "manual"),
            // described by resource id only: an automated snapshot whose instance name is no longer
            // reported
            snapshot("rds:locations-2024-01-15-03-00", null, "db-LOCATIONSLATEST", "automated"),
            snapshot(
                "rds:inventory-2024-01-15-03-00",
                "mycomputer-inventory-db",
                "db-INVENTORY",
                "automated")));

    List<String> found =
        new RdsSnapshotActivitiesImpl(aws::client, Polling.DEFAULT)
            .listSnapshots(PRIMARY, LOCATIONS).stream().map(s -> s.snapshotId()).sorted().toList();

    assertEquals(List.of("mycomputer-locations-db-final", "rds:locations-2024-01-15-03-00"), found);
  }

  private static software.amazon.awssdk.services.rds.model.DBSnapshot snapshot(
      String id, String instanceId, String resourceId, String type) {
    return software.amazon.awssdk.services.rds.model.DBSnapshot.builder()
        .dbSnapshotIdentifier(id)
        .dbSnapshotArn("arn:aws:rds:eu-west-1:123456789012:snapshot:" + id)
        .dbInstanceIdentifier(instanceId)
        .dbiResourceId(resourceId)
        .snapshotType(type)
        .status("available")
        .snapshotCreateTime(NOW)
        .build();
  }
}
