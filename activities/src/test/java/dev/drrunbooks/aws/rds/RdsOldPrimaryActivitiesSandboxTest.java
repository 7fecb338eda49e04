package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The old primary's deletion through the AWS SDK against the sandbox's emulator: an instance of its
 * own (the seeded primaries are shared) with deletion protection refused untouched, then,
 * protection off, tagged and deleted with a final snapshot and its automated backups retained (moto
 * addition 2).
 */
class RdsOldPrimaryActivitiesSandboxTest {
  private static final String REGION = "eu-west-1";

  private RdsClient rds;
  private RdsOldPrimaryActivitiesImpl activities;
  private String instance;
  private String arn;
  private String snapshot;

  @BeforeEach
  void setUp() {
    AwsClients aws = SandboxAws.clients();
    rds = aws.rds(REGION);
    activities = new RdsOldPrimaryActivitiesImpl(aws::rds, Clock.systemUTC());
    instance = SandboxAws.uniqueName("dr-test-old-primary");
    snapshot = instance + "-final";
    arn =
        rds.createDBInstance(
                r ->
                    r.dbInstanceIdentifier(instance)
                        .engine("postgres")
                        .dbInstanceClass("db.t3.micro")
                        .allocatedStorage(20)
                        .masterUsername("someone")
                        .masterUserPassword("not-a-secret-1")
                        .backupRetentionPeriod(7)
                        .deletionProtection(true))
            .dbInstance()
            .dbInstanceArn();
  }

  @AfterEach
  void tearDown() {
    try {
      rds.modifyDBInstance(r -> r.dbInstanceIdentifier(instance).deletionProtection(false));
      rds.deleteDBInstance(r -> r.dbInstanceIdentifier(instance).skipFinalSnapshot(true));
    } catch (DbInstanceNotFoundException gone) {
      // deleted by the test
    }
    try {
      rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshot));
    } catch (RuntimeException none) {
      // no final snapshot was taken
    }
    rds.describeDBInstanceAutomatedBackups(r -> r.dbInstanceIdentifier(instance))
        .dbInstanceAutomatedBackups()
        .forEach(
            b ->
                rds.deleteDBInstanceAutomatedBackup(
                    d -> d.dbInstanceAutomatedBackupsArn(b.dbInstanceAutomatedBackupsArn())));
  }

  @Test
  void protectedItIsRefusedUntouchedUnprotectedItGoesWithAFinalSnapshotAndItsBackupsKept() {
    String replacedBy = "arn:aws:rds:eu-central-1:123456789012:db:" + instance + "-standby";
    ApplicationFailure refused =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.deleteReplacedPrimary(REGION, instance, arn, replacedBy, snapshot));
    assertEquals(RdsOldPrimaryActivitiesImpl.REFUSED, refused.getType());
    assertEquals(
        "available",
        rds.describeDBInstances(r -> r.dbInstanceIdentifier(instance))
            .dbInstances()
            .get(0)
            .dbInstanceStatus(),
        "untouched");

    rds.modifyDBInstance(r -> r.dbInstanceIdentifier(instance).deletionProtection(false));
    String answer = activities.deleteReplacedPrimary(REGION, instance, arn, replacedBy, snapshot);
    assertTrue(answer.startsWith("deleting (final snapshot " + snapshot), answer);
    assertEquals(
        List.of(snapshot),
        rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshot)).dbSnapshots().stream()
            .map(s -> s.dbSnapshotIdentifier())
            .toList(),
        "the final snapshot");
    assertEquals(
        "retained",
        rds.describeDBInstanceAutomatedBackups(r -> r.dbInstanceIdentifier(instance))
            .dbInstanceAutomatedBackups()
            .get(0)
            .status(),
        "its point-in-time window kept");
    assertEquals(
        "already gone",
        activities.deleteReplacedPrimary(REGION, instance, arn, replacedBy, snapshot));
  }
}
