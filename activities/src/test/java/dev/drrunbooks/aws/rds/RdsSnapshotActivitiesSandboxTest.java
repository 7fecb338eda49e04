package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.SnapshotCopyRequest;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.restore.SnapshotChoice;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;

/**
 * Snapshots through the AWS SDK over HTTP against the sandbox's emulator: each test snapshots an
 * instance of its own; the seeded snapshots are only read and must survive delete attempts.
 */
class RdsSnapshotActivitiesSandboxTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";

  private AwsClients aws;
  private RdsSnapshotActivitiesImpl activities;
  private Ownership owner;
  private String instance;
  private final List<String[]> createdSnapshots = new ArrayList<>(); // {region, id}

  @BeforeEach
  void createInstance() {
    aws = SandboxAws.clients();
    activities =
        new RdsSnapshotActivitiesImpl(
            aws, new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
    owner = new Ownership(SandboxAws.uniqueName("snapshot-drill-test"), "snapshot-drill");
    instance = SandboxAws.uniqueName("dr-test-snapdb");
    aws.rds(PRIMARY)
        .createDBInstance(
            r ->
                r.dbInstanceIdentifier(instance)
                    .engine("postgres")
                    .dbInstanceClass("db.t3.micro")
                    .allocatedStorage(20)
                    .masterUsername("dr_admin")
                    .masterUserPassword("not-a-secret-1")
                    .backupRetentionPeriod(7));
  }

  @AfterEach
  void cleanUp() {
    for (String[] s : createdSnapshots) {
      try {
        aws.rds(s[0]).deleteDBSnapshot(r -> r.dbSnapshotIdentifier(s[1]));
      } catch (DbSnapshotNotFoundException alreadyGone) {
        // deleted by the test
      }
    }
    try {
      aws.rds(PRIMARY)
          .deleteDBInstance(
              r ->
                  r.dbInstanceIdentifier(instance)
                      .skipFinalSnapshot(true)
                      .deleteAutomatedBackups(true));
    } catch (DbInstanceNotFoundException alreadyGone) {
      // nothing to do
    }
    aws.close();
  }

  private String snapshotName(String region, String suffix) {
    String id = instance + "-" + suffix;
    createdSnapshots.add(new String[] {region, id});
    return id;
  }

  @Test
  void listsManualAndAutomatedSnapshotsAndTheNewestIsTheLastCreated() throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (String suffix :
        List.of("a", "c", "b")) { // created a, c, b: the newest is not the last by name
      String id = snapshotName(PRIMARY, suffix);
      activities.createManualSnapshot(PRIMARY, instance, id, owner);
      ids.add(id);
      Thread.sleep(20);
    }

    List<SnapshotInfo> listed = activities.listSnapshots(PRIMARY, instance);

    List<String> manual =
        listed.stream()
            .filter(s -> "manual".equals(s.type()))
            .map(SnapshotInfo::snapshotId)
            .sorted()
            .toList();
    assertEquals(ids.stream().sorted().toList(), manual);
    assertEquals(
        1, listed.stream().filter(s -> "automated".equals(s.type())).count(), listed.toString());
    assertTrue(
        listed.stream()
            .allMatch(
                s ->
                    instance.equals(s.instanceId())
                        && PRIMARY.equals(s.region())
                        && s.createdAt() != null
                        && "available".equals(s.status())),
        listed.toString());
    assertEquals(instance + "-b", SnapshotChoice.newest(listed).orElseThrow().snapshotId());
  }

  @Test
  void aSnapshotThatDoesNotExistIsANonRetryableFailureNamingIt() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.describeSnapshot(PRIMARY, "no-such-snapshot"));
    assertTrue(e.isNonRetryable());
    assertEquals("RDS snapshot 'no-such-snapshot' not found in eu-west-1", e.getOriginalMessage());
  }

  @Test
  void describesBySnapshotIdOrArnAndAutomatedSnapshotsToo() {
    SnapshotInfo byId = activities.describeSnapshot(PRIMARY, "inventory-snapshot-20240115");
    assertEquals("mycomputer-inventory-db", byId.instanceId());
    assertEquals("manual", byId.type());

    SnapshotInfo drCopy =
        activities.describeSnapshot(
            PRIMARY, "arn:aws:rds:eu-central-1:123456789012:snapshot:inventory-dr-snapshot");
    assertEquals(DR, drCopy.region());
    assertEquals("inventory-dr-snapshot", drCopy.snapshotId());

    SnapshotInfo automated =
        activities.listSnapshots(PRIMARY, instance).stream()
            .filter(s -> "automated".equals(s.type()))
            .findFirst()
            .orElseThrow();
    assertEquals(automated, activities.describeSnapshot(PRIMARY, automated.snapshotId()));
  }

  @Test
  void creatingTheSameSnapshotTwiceReturnsTheFirst() {
    String id = snapshotName(PRIMARY, "once");
    SnapshotInfo first = activities.createManualSnapshot(PRIMARY, instance, id, owner);
    SnapshotInfo again = activities.createManualSnapshot(PRIMARY, instance, id, owner);

    assertEquals(first.arn(), again.arn());
    assertEquals(first.createdAt(), again.createdAt());
    assertEquals(
        1,
        activities.listSnapshots(PRIMARY, instance).stream()
            .filter(s -> s.snapshotId().equals(id))
            .count());
    Map<String, String> tags = tagsOf(PRIMARY, first.arn());
    assertTrue(owner.owns(tags), tags.toString());
  }

  @Test
  void aSnapshotNameTakenBySomeoneElseIsRefused() {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.createManualSnapshot(
                    PRIMARY, "mycomputer-inventory-db", "inventory-snapshot-20240115", owner));
    assertTrue(e.isNonRetryable());
    assertEquals("NotOwned", e.getType());
    assertTrue(
        e.getOriginalMessage().contains("'inventory-snapshot-20240115'")
            && e.getOriginalMessage().contains("environment=production"),
        e.getOriginalMessage());
  }

  @Test
  void copiesASnapshotToTheDrRegionTaggedWithItsOrigin() {
    SnapshotInfo source =
        activities.createManualSnapshot(PRIMARY, instance, snapshotName(PRIMARY, "src"), owner);
    String copyId = snapshotName(DR, "dr-copy");

    SnapshotInfo copy =
        activities.copySnapshot(new SnapshotCopyRequest(source, DR, copyId, null, owner));

    assertEquals(copyId, copy.snapshotId());
    assertEquals(DR, copy.region());
    assertTrue(copy.arn().startsWith("arn:aws:rds:eu-central-1:"), copy.arn());
    assertEquals(instance, copy.instanceId());
    // The copy's data is as of the original: createdAt is the OriginalSnapshotCreateTime.
    assertEquals(source.createdAt(), copy.createdAt());
    Map<String, String> tags = tagsOf(DR, copy.arn());
    assertTrue(owner.owns(tags), tags.toString());
    assertEquals(source.arn(), tags.get(RdsTags.COPIED_FROM));
    assertEquals(copy, activities.describeSnapshot(DR, copyId));

    SnapshotInfo again =
        activities.copySnapshot(new SnapshotCopyRequest(source, DR, copyId, null, owner));
    assertEquals(copy.arn(), again.arn());
  }

  @Test
  void anEncryptedSnapshotNeedsAKeyOfTheTargetRegion() {
    SnapshotInfo encrypted =
        new SnapshotInfo(
            "enc",
            "arn:aws:rds:eu-west-1:123456789012:snapshot:enc",
            PRIMARY,
            instance,
            "manual",
            "available",
            Instant.now(),
            true,
            "arn:aws:kms:eu-west-1:123456789012:key/abc");
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.copySnapshot(
                    new SnapshotCopyRequest(encrypted, DR, instance + "-enc-copy", null, owner)));
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("KMS key of eu-central-1"), e.getOriginalMessage());
  }

  @Test
  void deletesOnlyOwnedSnapshots() {
    for (String[] foreign :
        List.of(
            new String[] {PRIMARY, "inventory-snapshot-20240115"},
            new String[] {DR, "inventory-dr-snapshot"})) {
      ApplicationFailure e =
          assertThrows(
              ApplicationFailure.class,
              () -> activities.deleteOwnedSnapshot(foreign[0], foreign[1], owner));
      assertEquals("NotOwned", e.getType());
      assertTrue(e.isNonRetryable());
      assertTrue(
          e.getOriginalMessage().contains("'" + foreign[1] + "'")
              && e.getOriginalMessage().contains("service=inventory")
              && e.getOriginalMessage().contains(owner.requiredTags()),
          e.getOriginalMessage());
      assertEquals("available", activities.describeSnapshot(foreign[0], foreign[1]).status());
    }
    String id = snapshotName(PRIMARY, "mine");
    activities.createManualSnapshot(PRIMARY, instance, id, owner);
    Ownership otherRun = new Ownership("someone-elses-run", "snapshot-drill");
    assertEquals(
        "NotOwned",
        assertThrows(
                ApplicationFailure.class,
                () -> activities.deleteOwnedSnapshot(PRIMARY, id, otherRun))
            .getType());

    assertEquals("deleted", activities.deleteOwnedSnapshot(PRIMARY, id, owner));
    assertEquals("already gone", activities.deleteOwnedSnapshot(PRIMARY, id, owner));
  }

  @Test
  void awaitReturnsAnAvailableSnapshot() {
    String id = snapshotName(PRIMARY, "await");
    activities.createManualSnapshot(PRIMARY, instance, id, owner);
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      RdsSnapshotActivities stub =
          env.newActivityStub(
              RdsSnapshotActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
      assertEquals(
          "available",
          stub.awaitSnapshotAvailable(PRIMARY, id, Instant.now().plusSeconds(30)).status());
    } finally {
      env.close();
    }
  }

  private Map<String, String> tagsOf(String region, String arn) {
    return RdsTags.toMap(aws.rds(region).listTagsForResource(r -> r.resourceName(arn)).tagList());
  }
}
