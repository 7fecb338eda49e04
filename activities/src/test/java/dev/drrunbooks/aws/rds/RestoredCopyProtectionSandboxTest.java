package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * Issue 11, finding 3, against the sandbox's emulator: a source with IAM database authentication,
 * deletion protection and storage autoscaling up to 500 GiB, created for this test (the seeded
 * instances are not changed) and removed afterwards, its deletion protection turned off first. moto
 * copies most settings from the source on restore but loses MaxAllocatedStorage, and copies
 * DeletionProtection where AWS defaults it off (see RestoreProtectionsTest for AWS's defaults).
 */
class RestoredCopyProtectionSandboxTest {
  private static final String REGION = "eu-west-1";

  private AwsClients aws;
  private RdsClient rds;
  private RdsRestoreActivitiesImpl activities;
  private Ownership owner;
  private String source;
  private final List<String> created = new ArrayList<>();

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    rds = aws.rds(REGION);
    activities =
        new RdsRestoreActivitiesImpl(
            aws, new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
    owner = new Ownership(SandboxAws.uniqueName("pitr-protect-test"), "pitr");
    source = SandboxAws.uniqueName("dr-test-protected-source");
    rds.createDBInstance(
        r ->
            r.dbInstanceIdentifier(source)
                .engine("postgres")
                .dbInstanceClass("db.t3.micro")
                .allocatedStorage(20)
                .maxAllocatedStorage(500)
                .enableIAMDatabaseAuthentication(true)
                .deletionProtection(true)
                .copyTagsToSnapshot(true)
                .backupRetentionPeriod(7)
                .masterUsername("inventory")
                .masterUserPassword("not-a-secret-1"));
  }

  @AfterEach
  void cleanUp() {
    created.add(source);
    for (String id : created) {
      try {
        rds.modifyDBInstance(
            r -> r.dbInstanceIdentifier(id).deletionProtection(false).applyImmediately(true));
        rds.deleteDBInstance(
            r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(true).deleteAutomatedBackups(true));
      } catch (DbInstanceNotFoundException alreadyGone) {
        // deleted by the test itself
      }
    }
    aws.close();
  }

  @Test
  @DisplayName(
      "restored copy keeps IAM auth and storage autoscaling, and a validation copy is deletable")
  void restoredCopyKeepsIamAuthAndStorageAutoscalingAndAValidationCopyIsDeletable() {
    Instant point = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    String kept = restore("dr-test-kept", point);

    DBInstance restored = describe(kept).orElseThrow();
    assertTrue(restored.iamDatabaseAuthenticationEnabled(), "IAM database authentication carried");
    assertEquals(
        500, restored.maxAllocatedStorage(), "storage autoscaling carried (moto alone loses it)");
    CopySettings keptSettings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, kept, source, true, owner));
    assertEquals(new CopySettings(kept, true, true, List.of()), keptSettings);
    DBInstance protectedCopy = describe(kept).orElseThrow();
    assertTrue(protectedCopy.deletionProtection());
    assertEquals(7, protectedCopy.backupRetentionPeriod());
    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class, () -> activities.deleteOwnedInstance(REGION, kept, owner));
    assertTrue(
        refused.getOriginalMessage().contains("deletion protection"), refused.getOriginalMessage());
    assertTrue(describe(kept).isPresent(), "the kept copy cannot be deleted by accident");

    String validation = restore("dr-test-validation", point);
    assertTrue(
        describe(validation).orElseThrow().deletionProtection(),
        "moto copies the source's deletion protection although the restore sent"
            + " DeletionProtection=false (AWS: off, see RestoreProtectionsTest)");
    CopySettings validationSettings =
        activities.protectRestoredCopy(
            new CopyProtectionRequest(REGION, validation, source, false, owner));
    assertFalse(validationSettings.deletionProtection());
    assertEquals(
        List.of(
            new SettingDifference(
                "deletion protection", "on", "off", "validation copy, deleted at the end")),
        validationSettings.differences());
    assertTrue(describe(validation).orElseThrow().iamDatabaseAuthenticationEnabled());
    assertEquals("deleting", activities.deleteOwnedInstance(REGION, validation, owner));
    assertTrue(describe(validation).isEmpty(), "the validation copy is gone");
  }

  private String restore(String prefix, Instant point) {
    String id = SandboxAws.uniqueName(prefix);
    created.add(id);
    activities.restoreToPointInTime(
        new PointInTimeRestoreRequest(REGION, source, id, point, InstanceShape.asSource(), owner));
    assertEquals(
        "available", describe(id).orElseThrow().dbInstanceStatus(), "moto restores at once");
    return id;
  }

  private Optional<DBInstance> describe(String id) {
    try {
      return Optional.of(
          rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0));
    } catch (DbInstanceNotFoundException e) {
      return Optional.empty();
    }
  }
}
