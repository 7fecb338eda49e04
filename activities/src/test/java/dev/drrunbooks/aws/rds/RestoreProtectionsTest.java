package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.aws.ScriptedSdkClient;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.InvocationHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeResponse;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Issue 11, finding 3: what a restored copy keeps. The scripted RDS client models AWS's documented
 * restore defaults
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html):
 * EnableIAMDatabaseAuthentication "By default, mapping isn't enabled", CopyTagsToSnapshot "By
 * default, tags aren't copied", DeletionProtection "By default, deletion protection isn't enabled",
 * no MaxAllocatedStorage means no storage autoscaling (and RestoreDBInstanceFromDBSnapshot has no
 * such parameter), BackupRetentionPeriod "Default: Uses existing setting". ModifyDBInstance with
 * ApplyImmediately
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html) may show a
 * backup retention change in PendingModifiedValues first. moto instead copies IAM authentication,
 * copy-tags, backup retention and deletion protection from the source (ignoring a false
 * DeletionProtection in the request) and loses MaxAllocatedStorage, so it shows neither what AWS
 * loses nor a validation copy born unprotected. The real {@link RdsRestoreActivitiesImpl} is
 * driven.
 */
class RestoreProtectionsTest {
  private static final String REGION = "eu-west-1";
  private static final String SOURCE = "mycomputer-inventory-db";
  private static final Instant POINT = Instant.parse("2024-01-15T03:30:00Z");

  private final Map<String, DBInstance> instances = new HashMap<>();
  private final List<Object> calls = new ArrayList<>();
  private final RdsRestoreActivitiesImpl activities =
      new RdsRestoreActivitiesImpl(region -> scriptedRds(), Polling.DEFAULT);
  private final Ownership owner = new Ownership("pitr-inventory-x", "run-1", "pitr");

  /**
   * When set, ModifyDBInstance leaves a backup retention change pending, as RDS may while applying
   * it.
   */
  private boolean retentionPending;

  /** When set, ModifyDBInstance is accepted but nothing changes (what the verify must notice). */
  private boolean modifyIgnored;

  RestoreProtectionsTest() {
    instances.put(
        SOURCE,
        DBInstance.builder()
            .dbInstanceIdentifier(SOURCE)
            .dbInstanceStatus("available")
            .iamDatabaseAuthenticationEnabled(true)
            .deletionProtection(true)
            .allocatedStorage(100)
            .maxAllocatedStorage(500)
            .copyTagsToSnapshot(true)
            .backupRetentionPeriod(7)
            .tagList(List.of())
            .build());
  }

  @Test
  void aPointInTimeRestoreSendsTheSourcesIamAuthAutoscalingAndCopyTagsAndNoDeletionProtection() {
    activities.restoreToPointInTime(pitr("pitr-x"));

    RestoreDbInstanceToPointInTimeRequest sent =
        (RestoreDbInstanceToPointInTimeRequest) calls.get(0);
    assertEquals(true, sent.enableIAMDatabaseAuthentication());
    assertEquals(500, sent.maxAllocatedStorage());
    assertEquals(true, sent.copyTagsToSnapshot());
    assertEquals(
        false,
        sent.deletionProtection(),
        "protected only once validated: the cleanup must delete it until then");
    DBInstance copy = instances.get("pitr-x");
    assertTrue(copy.iamDatabaseAuthenticationEnabled());
    assertEquals(500, copy.maxAllocatedStorage());
  }

  @Test
  void withoutTheSettingsAwsWouldLeaveTheCopyWithoutIamAuthAutoscalingAndProtection() {
    // As the code before this fix restored: nothing sent, so AWS's defaults apply.
    scriptedRds()
        .restoreDBInstanceToPointInTime(
            r ->
                r.sourceDBInstanceIdentifier(SOURCE)
                    .targetDBInstanceIdentifier("pitr-x")
                    .restoreTime(POINT)
                    .tags(ownerTags()));

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "pitr-x", SOURCE, true, owner));

    ModifyDbInstanceRequest modify = (ModifyDbInstanceRequest) calls.get(1);
    assertEquals(true, modify.enableIAMDatabaseAuthentication());
    assertEquals(500, modify.maxAllocatedStorage());
    assertEquals(true, modify.copyTagsToSnapshot());
    assertEquals(true, modify.deletionProtection());
    assertNull(
        modify.backupRetentionPeriod(),
        "restores inherit the source's retention: nothing to change");
    assertEquals(true, modify.applyImmediately());
    assertEquals(
        new CopySettings("pitr-x", true, true, List.of()), settings, "repaired and verified");
  }

  @Test
  void aKeptCopyGetsOnlyTheDeletionProtectionItLacksAndIsVerified() {
    activities.restoreToPointInTime(pitr("pitr-x"));

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "pitr-x", SOURCE, true, owner));

    ModifyDbInstanceRequest modify = (ModifyDbInstanceRequest) calls.get(1);
    assertEquals(
        ModifyDbInstanceRequest.builder()
            .dbInstanceIdentifier("pitr-x")
            .applyImmediately(true)
            .deletionProtection(true)
            .build(),
        modify,
        "only what differs from the source");
    assertTrue(instances.get("pitr-x").deletionProtection());
    assertEquals(new CopySettings("pitr-x", true, true, List.of()), settings);
    assertEquals("kept, deletion protection on; as its source", settings.summary());
  }

  @Test
  void aValidationCopyIsNotProtectedAndSaysWhy() {
    activities.restoreToPointInTime(pitr("validation-x"));

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "validation-x", SOURCE, false, owner));

    assertEquals(1, calls.size(), "nothing to modify: " + calls);
    assertFalse(settings.deletionProtection());
    assertEquals(
        "validation copy, deletion protection off; differs from its source in deletion protection"
            + " (off)",
        settings.summary());
    assertEquals(
        List.of(
            new SettingDifference(
                "deletion protection", "on", "off", "validation copy, deleted at the end")),
        settings.differences());
  }

  @Test
  void aValidationCopyBornProtectedHasItTurnedOffSoItsRunCanDeleteIt() {
    // moto copies the source's deletion protection onto a restore; whatever the cause, a validation
    // copy must go.
    activities.restoreToPointInTime(pitr("validation-x"));
    instances.put(
        "validation-x", instances.get("validation-x").toBuilder().deletionProtection(true).build());

    activities.protectRestoredCopy(
        new CopyProtectionRequest(REGION, "validation-x", SOURCE, false, owner));

    assertEquals(false, ((ModifyDbInstanceRequest) calls.get(1)).deletionProtection());
    assertFalse(instances.get("validation-x").deletionProtection());
  }

  @Test
  void aSnapshotRestoreCannotSendAutoscalingSoTheKeptCopyGetsItAfterwards() {
    activities.restoreFromSnapshot(
        new SnapshotRestoreRequest(
            REGION, snapshotOf(SOURCE), "restored-x", InstanceShape.asSource(), owner));
    RestoreDbInstanceFromDbSnapshotRequest sent =
        (RestoreDbInstanceFromDbSnapshotRequest) calls.get(0);
    assertEquals(true, sent.enableIAMDatabaseAuthentication());
    assertEquals(false, sent.deletionProtection());
    assertEquals(0, RestoreProtections.maxAllocated(instances.get("restored-x")));

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "restored-x", SOURCE, true, owner));

    ModifyDbInstanceRequest modify = (ModifyDbInstanceRequest) calls.get(1);
    assertEquals(500, modify.maxAllocatedStorage());
    assertEquals(
        7,
        modify.backupRetentionPeriod(),
        "the snapshot's retention (3 days) is not the source's 7");
    assertEquals(List.of(), settings.differences());
  }

  @Test
  void aBackupRetentionChangeStillPendingCountsAsApplied() {
    retentionPending = true;
    activities.restoreFromSnapshot(
        new SnapshotRestoreRequest(
            REGION, snapshotOf(SOURCE), "restored-x", InstanceShape.asSource(), owner));

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "restored-x", SOURCE, true, owner));

    assertEquals(3, instances.get("restored-x").backupRetentionPeriod());
    assertEquals(List.of(), settings.differences());
  }

  @Test
  void settingsThatDoNotTakeAreRetriedNamingThem() {
    modifyIgnored = true;
    activities.restoreToPointInTime(pitr("pitr-x"));

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.protectRestoredCopy(
                    new CopyProtectionRequest(REGION, "pitr-x", SOURCE, true, owner)));

    assertFalse(e.isNonRetryable(), "RDS may describe the copy before the change shows");
    assertEquals("RestoredCopySettingsNotApplied", e.getType());
    assertEquals(
        "RDS instance 'pitr-x' in eu-west-1 does not show the settings sent: deletion protection:"
            + " source on, copy off: not applied",
        e.getOriginalMessage());
  }

  @Test
  void aCopyThisRunDidNotRestoreIsNotChanged() {
    instances.put(
        "someone-elses",
        instances.get(SOURCE).toBuilder()
            .dbInstanceIdentifier("someone-elses")
            .deletionProtection(false)
            .tagList(Tag.builder().key("team").value("payments").build())
            .build());

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.protectRestoredCopy(
                    new CopyProtectionRequest(REGION, "someone-elses", SOURCE, false, owner)));

    assertTrue(e.isNonRetryable());
    assertEquals(FailureType.NOT_OWNED.type(), e.getType());
    assertTrue(
        e.getOriginalMessage().startsWith("REFUSING to change RDS instance 'someone-elses'"),
        e.getOriginalMessage());
    assertEquals(List.of(), calls);
  }

  @Test
  void aSourceThatNoLongerExistsIsProtectedAnywayAndTheUnknownsAreListed() {
    activities.restoreToPointInTime(pitr("pitr-x"));
    instances.remove(SOURCE);

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "pitr-x", SOURCE, true, owner));

    assertTrue(settings.deletionProtection(), "a kept copy whose source is unknown is protected");
    String why =
        "source setting unknown (RDS instance mycomputer-inventory-db not found in eu-west-1)";
    assertEquals(
        List.of(
            new SettingDifference("IAM database authentication", "unknown", "on", why),
            new SettingDifference("storage autoscaling", "unknown", "up to 500 GiB", why),
            new SettingDifference("copy tags to snapshots", "unknown", "on", why),
            new SettingDifference("backup retention", "unknown", "7 days", why),
            new SettingDifference(
                "deletion protection", "unknown", "on", why + ": a kept copy is protected")),
        settings.differences());
    assertEquals(
        "kept, deletion protection on; 5 source settings unknown: RDS instance"
            + " mycomputer-inventory-db not found in eu-west-1",
        settings.summary(),
        "the shared reason said once");
  }

  @Test
  void settingsFromARetainedAutomatedBackupKnowOnlyIamAuthAndRetention() {
    SourceSettings s =
        SourceSettings.of(
            DBInstanceAutomatedBackup.builder()
                .dbInstanceIdentifier("gone-db")
                .iamDatabaseAuthenticationEnabled(true)
                .backupRetentionPeriod(14)
                .build());

    assertEquals(new SourceSettings(true, null, null, 14, null, "automated backup of gone-db"), s);
    RestoreDbInstanceToPointInTimeRequest.Builder call =
        RestoreDbInstanceToPointInTimeRequest.builder();
    RestoreProtections.carry(s, call);
    RestoreDbInstanceToPointInTimeRequest sent = call.build();
    assertEquals(true, sent.enableIAMDatabaseAuthentication());
    assertNull(sent.maxAllocatedStorage());
    assertNull(sent.copyTagsToSnapshot());
    assertEquals(false, sent.deletionProtection());
  }

  @Test
  void aSourceWithoutAutoscalingSendsNoLimitAndAnAutoscalingCopyIsLeftAsRestored() {
    instances.put(
        SOURCE, instances.get(SOURCE).toBuilder().maxAllocatedStorage((Integer) null).build());
    activities.restoreToPointInTime(pitr("pitr-x"));
    assertNull(((RestoreDbInstanceToPointInTimeRequest) calls.get(0)).maxAllocatedStorage());
    instances.put("pitr-x", instances.get("pitr-x").toBuilder().maxAllocatedStorage(200).build());

    CopySettings settings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, "pitr-x", SOURCE, true, owner));

    assertNull(((ModifyDbInstanceRequest) calls.get(1)).maxAllocatedStorage());
    assertEquals(
        List.of(
            new SettingDifference(
                "storage autoscaling",
                "off",
                "up to 200 GiB",
                "left as restored: the source does not autoscale")),
        settings.differences());
  }

  private PointInTimeRestoreRequest pitr(String target) {
    return new PointInTimeRestoreRequest(
        REGION, SOURCE, target, POINT, InstanceShape.asSource(), owner);
  }

  private List<Tag> ownerTags() {
    return RdsTags.toTags(RdsTags.owned(owner, RdsTags.RESTORED_FROM, SOURCE));
  }

  private static SnapshotInfo snapshotOf(String instanceId) {
    return new SnapshotInfo(
        "inventory-snapshot-1",
        "arn:aws:rds:eu-west-1:123456789012:snapshot:inventory-snapshot-1",
        REGION,
        instanceId,
        "manual",
        "available",
        POINT,
        false,
        null);
  }

  /** A copy as AWS restores it: what was sent, AWS's defaults for the rest, retention inherited. */
  private DBInstance restored(
      String id,
      Boolean iam,
      Integer maxAllocated,
      Boolean copyTags,
      Boolean protect,
      Integer inheritedRetention,
      List<Tag> tags) {
    return DBInstance.builder()
        .dbInstanceIdentifier(id)
        .dbInstanceStatus("creating")
        .dbInstanceArn("arn:aws:rds:eu-west-1:123456789012:db:" + id)
        .allocatedStorage(100)
        .iamDatabaseAuthenticationEnabled(Boolean.TRUE.equals(iam))
        .maxAllocatedStorage(maxAllocated)
        .copyTagsToSnapshot(Boolean.TRUE.equals(copyTags))
        .deletionProtection(Boolean.TRUE.equals(protect))
        .backupRetentionPeriod(inheritedRetention)
        .tagList(tags == null ? List.of() : tags)
        .build();
  }

  private DBInstance modified(DBInstance db, ModifyDbInstanceRequest m) {
    if (modifyIgnored) return db;
    DBInstance.Builder b = db.toBuilder();
    if (m.enableIAMDatabaseAuthentication() != null)
      b.iamDatabaseAuthenticationEnabled(m.enableIAMDatabaseAuthentication());
    if (m.maxAllocatedStorage() != null) b.maxAllocatedStorage(m.maxAllocatedStorage());
    if (m.copyTagsToSnapshot() != null) b.copyTagsToSnapshot(m.copyTagsToSnapshot());
    if (m.deletionProtection() != null) b.deletionProtection(m.deletionProtection());
    if (m.backupRetentionPeriod() != null) {
      if (retentionPending) {
        b.pendingModifiedValues(
            PendingModifiedValues.builder()
                .backupRetentionPeriod(m.backupRetentionPeriod())
                .build());
      } else {
        b.backupRetentionPeriod(m.backupRetentionPeriod());
      }
    }
    return b.build();
  }

  /** describe-db-instances, both restores and modify-db-instance; anything else is not scripted. */
  private RdsClient scriptedRds() {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object arg = args == null || args.length == 0 ? null : args[0];
          if (arg instanceof DescribeDbInstancesRequest r) {
            DBInstance db = instances.get(r.dbInstanceIdentifier());
            if (db == null) {
              throw DbInstanceNotFoundException.builder()
                  .statusCode(404)
                  .message("DBInstance " + r.dbInstanceIdentifier() + " not found.")
                  .build();
            }
            return DescribeDbInstancesResponse.builder().dbInstances(db).build();
          }
          if (arg instanceof RestoreDbInstanceToPointInTimeRequest r) {
            calls.add(r);
            DBInstance db =
                restored(
                    r.targetDBInstanceIdentifier(),
                    r.enableIAMDatabaseAuthentication(),
                    r.maxAllocatedStorage(),
                    r.copyTagsToSnapshot(),
                    r.deletionProtection(),
                    r.backupRetentionPeriod() != null
                        ? r.backupRetentionPeriod()
                        : instances.get(r.sourceDBInstanceIdentifier()).backupRetentionPeriod(),
                    r.tags());
            instances.put(db.dbInstanceIdentifier(), db);
            return RestoreDbInstanceToPointInTimeResponse.builder().dbInstance(db).build();
          }
          if (arg instanceof RestoreDbInstanceFromDbSnapshotRequest r) {
            calls.add(r);
            // The snapshot's settings: taken when the instance kept 3 days of backups.
            DBInstance db =
                restored(
                    r.dbInstanceIdentifier(),
                    r.enableIAMDatabaseAuthentication(),
                    null,
                    r.copyTagsToSnapshot(),
                    r.deletionProtection(),
                    r.backupRetentionPeriod() != null ? r.backupRetentionPeriod() : 3,
                    r.tags());
            instances.put(db.dbInstanceIdentifier(), db);
            return RestoreDbInstanceFromDbSnapshotResponse.builder().dbInstance(db).build();
          }
          if (arg instanceof ModifyDbInstanceRequest r) {
            calls.add(r);
            DBInstance db = modified(instances.get(r.dbInstanceIdentifier()), r);
            instances.put(db.dbInstanceIdentifier(), db);
            return ModifyDbInstanceResponse.builder().dbInstance(db).build();
          }
          return ScriptedSdkClient.NOT_SCRIPTED;
        };
    return ScriptedSdkClient.of(RdsClient.class, "rds", handler);
  }
}
