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
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.InvalidRestoreException;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeResponse;
import software.amazon.awssdk.services.rds.model.RestoreWindow;

/**
 * Issue 11, findings 1 and 2: restoring an instance that no longer exists, and in another region. The scripted
 * RDS client models, per region, what moto 5.2.5 lacks:
 * <ul>
 *   <li>retained automated backups of a deleted instance, listed by DescribeDBInstanceAutomatedBackups with status
 *       {@code retained}, their own DbiResourceId, ARN and RestoreWindow
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html,
 *       https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html);</li>
 *   <li>automated backups replicated to another region, listed there with the source's identifier, ARN and Region
 *       and their own ARN and window (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html);</li>
 *   <li>RestoreDBInstanceToPointInTime restoring by SourceDbiResourceId or SourceDBInstanceAutomatedBackupsArn,
 *       requiring exactly one source and a RestoreTime within that source's window (InvalidRestoreFault otherwise)
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html).
 *       moto ignores both parameters and restores the first instance it lists.</li>
 * </ul>
 * The real {@link RdsRestoreActivitiesImpl} is driven.
 */
class RestoreFromAutomatedBackupsTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String LOCATIONS = "mycomputer-locations-db";
  private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");
  private static final InstanceShape PLACED = new InstanceShape(null, "app-subnets", List.of("sg-0123456789abcdef0"),
      "app-pg15", null, null);

  private final Map<String, Map<String, DBInstance>> instances = new HashMap<>();
  private final Map<String, List<DBInstanceAutomatedBackup>> backups = new HashMap<>();
  private final List<RestoreDbInstanceToPointInTimeRequest> restores = new ArrayList<>();
  private final RdsRestoreActivitiesImpl activities = new RdsRestoreActivitiesImpl(this::scriptedRds, Polling.DEFAULT);
  private final Ownership owner = new Ownership("pitr-locations-x", "run-1", "pitr");

  /** Finding 1: "RDS instance 'mycomputer-locations-db' not found" no longer ends the recovery. */
  @Test
  void aDeletedInstanceIsRestoredByTheResourceIdOfItsRetainedBackupToTheAskedTime() {
    // Deleted twice: an older incarnation's backups are retained too; another instance's are active.
    backup(PRIMARY, LOCATIONS, "db-OLDERINCARNATION", "retained", null, NOW.minus(Duration.ofDays(40)),
        NOW.minus(Duration.ofDays(20)));
    backup(PRIMARY, LOCATIONS, "db-LOCATIONSLATEST", "retained", null, NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(3)));
    backup(PRIMARY, "mycomputer-inventory-db", "db-INVENTORY", "active", null, NOW.minus(Duration.ofDays(7)), NOW);
    Instant asked = NOW.minus(Duration.ofMinutes(10));

    RestoreSource source = activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, asked));

    assertEquals(RestoreSource.RETAINED_BACKUP, source.kind());
    assertEquals("db-LOCATIONSLATEST", source.dbiResourceId());
    assertEquals(new RestorableWindow(NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofMinutes(3))), source.window());
    assertEquals("retained automated backup of deleted instance mycomputer-locations-db (resource id"
        + " db-LOCATIONSLATEST)", source.description());

    InstanceInfo restored = activities.restoreToPointInTime(new PointInTimeRestoreRequest(PRIMARY, LOCATIONS,
        "pitr-x", asked, PLACED, owner, source));

    RestoreDbInstanceToPointInTimeRequest sent = restores.get(0);
    assertEquals("db-LOCATIONSLATEST", sent.sourceDbiResourceId());
    assertNull(sent.sourceDBInstanceIdentifier(), "never the name: another instance may carry it now");
    assertEquals(asked, sent.restoreTime());
    assertEquals("app-subnets", sent.dbSubnetGroupName());
    assertEquals(asked.toString(), restored.tags().get(RdsTags.RESTORE_POINT));
    assertEquals(LOCATIONS, restored.tags().get(RdsTags.RESTORED_FROM));

    Instant older = NOW.minus(Duration.ofDays(30));
    assertEquals("db-OLDERINCARNATION", activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS,
        PRIMARY, older)).dbiResourceId(), "the backup whose window holds the time asked for");
  }

  @Test
  void aLiveInstanceOfTheNameIsTheSourceNotAnEarlierOnesRetainedBackups() {
    backup(PRIMARY, LOCATIONS, "db-OLDERINCARNATION", "retained", null, NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofDays(1)));
    instances.computeIfAbsent(PRIMARY, r -> new HashMap<>()).put(LOCATIONS, DBInstance.builder()
        .dbInstanceIdentifier(LOCATIONS).dbiResourceId("db-LIVE").dbInstanceStatus("available")
        .backupRetentionPeriod(7).latestRestorableTime(NOW.minus(Duration.ofMinutes(4)))
        .instanceCreateTime(NOW.minus(Duration.ofHours(2))).build());

    RestoreSource source = activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, null));

    assertEquals(RestoreSource.INSTANCE, source.kind());
    assertEquals("instance " + LOCATIONS, source.description());
    assertEquals(NOW.minus(Duration.ofHours(2)), source.window().earliest(), "not the older incarnation's window");
  }

  /** Finding 2: the DR region restores from the backups replicated there; the source region is not called. */
  @Test
  void theDrRegionRestoresByTheArnOfTheBackupsReplicatedFromThePrimary() {
    String arn = "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-replicafromprimary";
    backup(DR, LOCATIONS, "db-FROMUSEAST1", "replicating", "us-east-1", NOW.minus(Duration.ofDays(7)), NOW);
    backup(DR, LOCATIONS, "db-LOCATIONS", "replicating", PRIMARY, NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(8)), arn);

    RestoreSource source = activities.findRestoreSource(new RestoreSourceQuery(DR, LOCATIONS, PRIMARY, null));

    assertEquals(RestoreSource.REPLICATED_BACKUP, source.kind());
    assertEquals(arn, source.automatedBackupArn());
    assertEquals(NOW.minus(Duration.ofMinutes(8)), source.window().latest(), "the replica's latest restorable time");
    assertEquals("automated backups of mycomputer-locations-db replicated from eu-west-1 to eu-central-1 (" + arn + ")",
        source.description());

    ApplicationFailure unplaced = assertThrows(ApplicationFailure.class, () -> activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(DR, LOCATIONS, "pitr-x", source.window().latest(), InstanceShape.asSource(),
            owner, source)));
    assertEquals("RestorePlacementMissing", unplaced.getType());
    assertEquals(List.of(), restores, "nothing restored into RDS's default network");

    activities.restoreToPointInTime(new PointInTimeRestoreRequest(DR, LOCATIONS, "pitr-x", source.window().latest(),
        PLACED, owner, source));
    assertEquals(arn, restores.get(0).sourceDBInstanceAutomatedBackupsArn());
    assertNull(restores.get(0).sourceDBInstanceIdentifier());
    assertNull(restores.get(0).sourceDbiResourceId());
    assertTrue(instances.get(DR).containsKey("pitr-x"));
    assertNull(instances.get(PRIMARY), "the primary region was never called");
  }

  @Test
  void aTimeOutsideTheBackupsWindowIsRefusedByRdsAndReportedNonRetryably() {
    backup(PRIMARY, LOCATIONS, "db-LOCATIONSLATEST", "retained", null, NOW.minus(Duration.ofDays(7)),
        NOW.minus(Duration.ofMinutes(3)));
    RestoreSource source = activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, null));

    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(PRIMARY, LOCATIONS, "pitr-x", NOW, PLACED, owner, source)));

    assertTrue(e.isNonRetryable());
    assertEquals("RdsInvalidRestore", e.getType());
  }

  @Test
  void nothingRestorableSaysSoAndListsWhatWasSearched() {
    backup(PRIMARY, LOCATIONS, "db-NOWINDOW", "retained", null, null, null);

    ApplicationFailure here = assertThrows(ApplicationFailure.class,
        () -> activities.findRestoreSource(new RestoreSourceQuery(PRIMARY, LOCATIONS, PRIMARY, null)));
    assertEquals("RdsNoRestoreSource", here.getType());
    assertTrue(here.isNonRetryable());
    assertEquals("nothing restorable to a point in time for RDS instance 'mycomputer-locations-db' in eu-west-1;"
        + " searched: RDS instance 'mycomputer-locations-db' in eu-west-1 (DescribeDBInstances): not found; retained"
        + " automated backups of deleted instance 'mycomputer-locations-db' in eu-west-1"
        + " (DescribeDBInstanceAutomatedBackups): 1 found, none with a restore window (a final or manual snapshot is"
        + " restored with snapshot-restore)", here.getOriginalMessage());

    ApplicationFailure dr = assertThrows(ApplicationFailure.class,
        () -> activities.findRestoreSource(new RestoreSourceQuery(DR, LOCATIONS, PRIMARY, null)));
    assertEquals("nothing restorable to a point in time for RDS instance 'mycomputer-locations-db' in eu-central-1;"
        + " searched: automated backups of 'mycomputer-locations-db' replicated from eu-west-1 to eu-central-1"
        + " (DescribeDBInstanceAutomatedBackups in eu-central-1): none (is automated backup replication to"
        + " eu-central-1 on?)", dr.getOriginalMessage());
  }

  private void backup(String region, String instanceId, String resourceId, String status, String sourceRegion,
      Instant earliest, Instant latest) {
    backup(region, instanceId, resourceId, status, sourceRegion, earliest, latest,
        "arn:aws:rds:" + region + ":123456789012:auto-backup:ab-" + resourceId.substring(3).toLowerCase());
  }

  private void backup(String region, String instanceId, String resourceId, String status, String sourceRegion,
      Instant earliest, Instant latest, String arn) {
    String home = sourceRegion == null ? region : sourceRegion;
    backups.computeIfAbsent(region, r -> new ArrayList<>()).add(DBInstanceAutomatedBackup.builder()
        .dbInstanceIdentifier(instanceId).dbiResourceId(resourceId).status(status).region(home)
        .dbInstanceArn("arn:aws:rds:" + home + ":123456789012:db:" + instanceId).dbInstanceAutomatedBackupsArn(arn)
        .restoreWindow(earliest == null ? null : RestoreWindow.builder().earliestTime(earliest).latestTime(latest)
            .build())
        .build());
  }

  /** describe-db-instances, describe-db-instance-automated-backups and restore-to-point-in-time of one region. */
  private RdsClient scriptedRds(String region) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object arg = args == null || args.length == 0 ? null : args[0];
      Map<String, DBInstance> here = instances.computeIfAbsent(region, r -> new HashMap<>());
      List<DBInstanceAutomatedBackup> kept = backups.getOrDefault(region, List.of());
      if (arg instanceof DescribeDbInstancesRequest r) {
        DBInstance db = here.get(r.dbInstanceIdentifier());
        if (db == null) {
          throw DbInstanceNotFoundException.builder().statusCode(404)
              .message("DBInstance " + r.dbInstanceIdentifier() + " not found.").build();
        }
        return DescribeDbInstancesResponse.builder().dbInstances(db).build();
      }
      if (arg instanceof DescribeDbInstanceAutomatedBackupsRequest r && !method.getName().endsWith("Paginator")) {
        return DescribeDbInstanceAutomatedBackupsResponse.builder().dbInstanceAutomatedBackups(kept.stream()
            .filter(b -> r.dbInstanceIdentifier() == null || r.dbInstanceIdentifier().equals(b.dbInstanceIdentifier()))
            .toList()).build();
      }
      if (arg instanceof RestoreDbInstanceToPointInTimeRequest r) {
        long sources = Stream.of(r.sourceDBInstanceIdentifier(), r.sourceDbiResourceId(),
            r.sourceDBInstanceAutomatedBackupsArn()).filter(Objects::nonNull).count();
        if (sources != 1) {
          throw RdsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
              .errorCode("InvalidParameterCombination").errorMessage("exactly one of SourceDBInstanceIdentifier,"
                  + " SourceDbiResourceId and SourceDBInstanceAutomatedBackupsArn").build()).build();
        }
        DBInstanceAutomatedBackup from = kept.stream()
            .filter(b -> b.dbiResourceId().equals(r.sourceDbiResourceId())
                || b.dbInstanceAutomatedBackupsArn().equals(r.sourceDBInstanceAutomatedBackupsArn()))
            .findFirst().orElseThrow(() -> DbInstanceAutomatedBackupNotFoundException.builder().statusCode(404)
                .message("no automated backup " + r.sourceDbiResourceId() + r.sourceDBInstanceAutomatedBackupsArn())
                .build());
        Instant t = r.restoreTime();
        if (t.isBefore(from.restoreWindow().earliestTime()) || t.isAfter(from.restoreWindow().latestTime())) {
          throw InvalidRestoreException.builder().statusCode(400).message("restore time outside the window").build();
        }
        restores.add(r);
        DBInstance db = DBInstance.builder().dbInstanceIdentifier(r.targetDBInstanceIdentifier())
            .dbInstanceStatus("creating").tagList(r.tags()).build();
        here.put(db.dbInstanceIdentifier(), db);
        return RestoreDbInstanceToPointInTimeResponse.builder().dbInstance(db).build();
      }
      if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args); // builder overloads
      if (method.getName().equals("serviceName")) return "rds";
      if (method.getName().equals("close")) return null;
      throw new UnsupportedOperationException("not scripted: " + method.getName());
    };
    return (RdsClient) Proxy.newProxyInstance(RdsClient.class.getClassLoader(), new Class<?>[] {RdsClient.class},
        handler);
  }
}
