package dev.drrunbooks.bootstrap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import dev.drrunbooks.catalog.ReplicationSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog's backup-policy rules: automated backups replicated to the DR region, and the S3
 * rule's scope.
 */
class BackupPolicyCatalogRulesTest {
  private static final String SOURCE = "broken.yaml";
  private static final String INVENTORY_BACKUP =
      "backup: { retentionDays: 30, window: \"03:00-04:00\", iamDatabaseAuthentication: true }";
  private static final String KEY =
      "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String AT = "services.inventory.database.backup.drReplication";

  private static String inventoryDr(String drReplication) {
    String text = CatalogFixture.text();
    assertTrue(text.contains("name: inventory\n      " + INVENTORY_BACKUP), "fixture changed");
    return text.replace(
        "name: inventory\n      " + INVENTORY_BACKUP,
        "name: inventory\n      "
            + INVENTORY_BACKUP.replace(" }", ", drReplication: " + drReplication + " }"));
  }

  /** The fixture with one value of Inventory's backup line (only Inventory's) replaced. */
  private static String inventoryBackup(String from, String to) {
    String line = "name: inventory\n      " + INVENTORY_BACKUP;
    return CatalogFixture.text().replace(line, line.replace(from, to));
  }

  private static String assetsReplication(String extra) {
    String text = CatalogFixture.text();
    String anchor = "      destinationBucket: mycomputer-assets-dr\n";
    assertTrue(text.contains(anchor), "fixture changed");
    return text.replace(anchor, anchor + extra);
  }

  private static List<CatalogException.Problem> problems(String yaml) {
    return assertThrows(CatalogException.class, () -> CatalogLoader.parse(yaml, SOURCE)).problems();
  }

  private static CatalogException.Problem problem(String path, String message) {
    return new CatalogException.Problem(path, message);
  }

  /**
   * The Critical services (RPO 5m and 0m) replicate to the DR region, with a key there; the others
   * are not looked at.
   */
  @Test
  void theCatalogReplicatesTheCriticalServicesBackupsToTheDrRegion() {
    Catalog c = CatalogFixture.load();
    for (String key : List.of("customer-base", "payments")) {
      DrBackupReplicationSpec r = c.services().get(key).database().backup().drReplication();
      assertEquals(Boolean.TRUE, r.enabled(), key);
      assertEquals(7, r.retentionDays(), key);
      assertTrue(
          r.kmsKeyId().startsWith("arn:aws:kms:eu-central-1:123456789012:key/"),
          key + ": " + r.kmsKeyId());
      assertTrue(
          c.services().get(key).database().drRestore() != null,
          key + ": where a DR-region restore goes");
    }
    for (String key : List.of("inventory", "locations")) {
      assertNull(
          c.services().get(key).database().backup().drReplication(),
          key + ": left out, not looked at");
    }
  }

  @Test
  void aDrReplicationIsReadWithItsRetentionAndKey() {
    Catalog c =
        CatalogLoader.parse(
            inventoryDr("{ enabled: true, retentionDays: 7, kmsKeyId: " + KEY + " }"), SOURCE);
    assertEquals(
        new DrBackupReplicationSpec(true, 7, KEY),
        c.services().get("inventory").database().backup().drReplication());
  }

  @Test
  void retentionOfOneAndThirtyFiveDaysAndNoKeyAreAccepted() {
    CatalogLoader.parse(inventoryDr("{ enabled: true, retentionDays: 1 }"), SOURCE);
    CatalogLoader.parse(inventoryDr("{ enabled: true, retentionDays: 35 }"), SOURCE);
  }

  @Test
  void retentionOutsideOneToThirtyFiveDaysIsRefused() {
    assertEquals(
        List.of(
            problem(
                AT + ".retentionDays", "must be between 1 and 35 days (the RDS limit), found 0")),
        problems(inventoryDr("{ enabled: true, retentionDays: 0 }")));
    assertEquals(
        List.of(
            problem(
                AT + ".retentionDays", "must be between 1 and 35 days (the RDS limit), found 36")),
        problems(inventoryDr("{ enabled: true, retentionDays: 36 }")));
  }

  @Test
  void enabledAndItsRetentionAreRequired() {
    assertEquals(
        List.of(problem(AT + ".enabled", "required field is missing")),
        problems(inventoryDr("{ retentionDays: 7 }")));
    assertEquals(
        List.of(problem(AT + ".retentionDays", "required field is missing")),
        problems(inventoryDr("{ enabled: true }")));
  }

  @Test
  void turnedOffItTakesNoRetentionOrKey() {
    CatalogLoader.parse(inventoryDr("{ enabled: false }"), SOURCE);
    String why = "enabled is false (stop replicating): leave out retentionDays and kmsKeyId";
    assertEquals(
        List.of(problem(AT, why)), problems(inventoryDr("{ enabled: false, retentionDays: 7 }")));
    assertEquals(
        List.of(problem(AT, why)),
        problems(inventoryDr("{ enabled: false, kmsKeyId: " + KEY + " }")));
  }

  @Test
  void theKeyMustBeAKmsArnInTheDrRegion() {
    String notAKeyArn =
        " must be a KMS key ARN such as"
            + " arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab (not"
            + " an alias: RDS reports the replicas' key by its ARN, so only that can be compared)";
    assertEquals(
        List.of(problem(AT + ".kmsKeyId", "'alias/rds'" + notAKeyArn)),
        problems(inventoryDr("{ enabled: true, retentionDays: 7, kmsKeyId: alias/rds }")));
    assertEquals(
        List.of(
            problem(
                AT + ".kmsKeyId",
                "'arn:aws:kms:eu-central-1:123456789012:alias/rds-dr'" + notAKeyArn)),
        problems(
            inventoryDr(
                "{ enabled: true, retentionDays: 7, kmsKeyId:"
                    + " arn:aws:kms:eu-central-1:123456789012:alias/rds-dr }")));
    assertEquals(
        List.of(
            problem(
                AT + ".kmsKeyId",
                "the key is in eu-west-1 but replicated backups are encrypted in "
                    + "the DR region eu-central-1: give a key from eu-central-1")),
        problems(
            inventoryDr(
                "{ enabled: true, retentionDays: 7, kmsKeyId: "
                    + KEY.replace("eu-central-1", "eu-west-1")
                    + " }")));
  }

  @Test
  void aBucketRuleScopeIsReadWithDefaults() {
    Catalog c =
        CatalogLoader.parse(
            assetsReplication(
                "      prefix: documents/\n      priority: 0\n"
                    + "      deleteMarkerReplication: true\n"),
            SOURCE);
    ReplicationSpec r = c.buckets().get("assets").replication();
    assertEquals("documents/", r.prefixOrWholeBucket());
    assertEquals(0, r.priorityOrDefault());
    assertTrue(r.replicatesDeleteMarkers());

    ReplicationSpec defaults = CatalogFixture.load().buckets().get("assets").replication();
    assertEquals("", defaults.prefixOrWholeBucket());
    assertEquals(1, defaults.priorityOrDefault());
    assertEquals(false, defaults.replicatesDeleteMarkers());
    assertEquals(
        new ReplicationSpec(
            "ReplicateAll",
            "arn:aws:iam::123456789012:role/replication-role",
            "mycomputer-assets-dr",
            "eu-central-1",
            Duration.ofMinutes(15),
            "STANDARD_IA"),
        defaults);
  }

  @Test
  void aNegativePriorityIsRefused() {
    assertEquals(
        List.of(
            problem(
                "buckets.assets.replication.priority",
                "must be 0 or more (S3 runs the highest priority rule first), found -1")),
        problems(assetsReplication("      priority: -1\n")));
  }

  @Test
  void aPrefixOfMoreThan1024CharactersOrWithAControlCharacterIsRefused() {
    CatalogLoader.parse(assetsReplication("      prefix: " + "a".repeat(1024) + "\n"), SOURCE);
    assertEquals(
        List.of(
            problem(
                "buckets.assets.replication.prefix",
                "must be at most 1024 characters without control characters, found 1025"
                    + " characters")),
        problems(assetsReplication("      prefix: " + "a".repeat(1025) + "\n")));
    assertEquals(
        List.of(
            problem(
                "buckets.assets.replication.prefix",
                "must be at most 1024 characters without control characters, found 4 characters")),
        problems(assetsReplication("      prefix: \"tm\\tp\"\n")));
  }

  @Test
  void theBackupPolicysOwnFieldsAreCheckedAtTheirBoundaries() {
    String backup = "services.inventory.database.backup";
    CatalogLoader.parse(inventoryBackup("30", "1"), SOURCE);
    CatalogLoader.parse(inventoryBackup("30", "35"), SOURCE);
    assertEquals(
        List.of(
            problem(
                backup + ".retentionDays",
                "must be between 1 and 35 days (the RDS limit), found 0")),
        problems(inventoryBackup("30", "0")));
    assertEquals(
        List.of(
            problem(
                backup + ".retentionDays",
                "must be between 1 and 35 days (the RDS limit), found 36")),
        problems(inventoryBackup("30", "36")));
    assertEquals(
        List.of(
            problem(backup + ".window", "'3-4' must be hh24:mi-hh24:mi in UTC, e.g. 03:00-04:00")),
        problems(inventoryBackup("03:00-04:00", "3-4")));
  }

  @Test
  void theReplicationRulesRoleStorageClassAndVersioningAreChecked() {
    String text = CatalogFixture.text();
    String assets = "    name: mycomputer-assets\n    region: eu-west-1\n    versioning: true\n";
    assertTrue(text.contains(assets), "fixture changed");
    assertEquals(
        List.of(
            problem(
                "buckets.assets.versioning",
                "must be true when replication is configured (S3 "
                    + "requires versioning on both buckets)")),
        problems(text.replace(assets, assets.replace("versioning: true", "versioning: false"))));
    assertEquals(
        List.of(
            problem(
                "buckets.assets.replication.role",
                "'replication-role' must be an IAM role ARN "
                    + "(arn:aws:iam::ACCOUNT:role/NAME)")),
        problems(
            text.replaceFirst(
                "role: arn:aws:iam::123456789012:role/replication-role",
                "role: replication-role")));
    List<CatalogException.Problem> storage =
        problems(text.replaceFirst("storageClass: STANDARD_IA", "storageClass: COLD"));
    assertEquals("buckets.assets.replication.storageClass", storage.get(0).path());
    assertEquals(
        "'COLD' is not an S3 storage class; allowed: DEEP_ARCHIVE, GLACIER, GLACIER_IR,"
            + " INTELLIGENT_TIERING, ONEZONE_IA, REDUCED_REDUNDANCY, STANDARD, STANDARD_IA",
        storage.get(0).message());
  }
}
