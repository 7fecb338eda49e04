package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.sandbox.SandboxDatabases;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * Issue 11, finding 2, "the primary region is gone", end to end against the sandbox: the backup
 * policy starts replicating Payments' automated backups to the DR region (the catalog's
 * database.backup.drReplication), then {@code dr pitr --region dr} restores them there, into the
 * catalog's database.drRestore placement. The emulator models the replication
 * (deploy/local/moto_server_additions.py, after
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html): the replica's
 * restore window starts when replication started, so a window and restore point inside it show the
 * restore used the replica, not the source's 30-day window.
 *
 * <p>moto has no database engine: the sandbox clones the source's PostgreSQL database for a
 * restored instance (SandboxDatabases), and {@code deploy/local/sandbox up} makes an empty
 * "payments" database for Payments (only Inventory's has seed data); this test uses it and leaves
 * it in place.
 *
 * <p>Leaves the shared sandbox as found: the restored instance and its clone are deleted, and,
 * unless Payments was replicating before, the replication is stopped and its retained backups in
 * the DR region deleted.
 */
@ResourceLock(value = SandboxLocks.RUN_LISTINGS, mode = ResourceAccessMode.READ)
class PitrDrRegionEndToEndTest {
  private static final String PRIMARY = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String INSTANCE = "mycomputer-payments-db";
  private static final String DATABASE = "payments";
  private static final Pattern RESTORED =
      Pattern.compile(
          "Restored instance: (\\S+) at .* \\(restore point (\\S+); window (\\S+) to (\\S+)\\)");
  private static final Pattern FROM = Pattern.compile("Restored from: (.+), in (\\S+)");
  private static SandboxWorker worker;

  @BeforeAll
  static void startWorker() {
    worker = new SandboxWorker();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void backupPolicyStartsReplicationThenPitrRestoresInTheDrRegionFromTheReplica()
      throws SQLException {
    RdsClient primary = worker.aws.rds(PRIMARY);
    RdsClient dr = worker.aws.rds(DR);
    String sourceArn = source(primary).dbInstanceArn();
    boolean replicatingBefore = replicationArn(primary).isPresent();
    Instant beforeApply = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    SandboxDatabases databases = SandboxDatabases.fromEnvironment(worker.env.all());
    assertTrue(
        databases.exists(DATABASE),
        "sandbox database '" + DATABASE + "' (made by deploy/local/sandbox up)");
    String restored = null;
    try {
      CliRun apply =
          CliRun.of(worker.connectionArgs(), "backup-policy", "--service", "payments", "--apply");
      assertTrue(apply.out().contains("automated-backups-replication"), apply.toString());
      String replicaArn =
          replicationArn(primary)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no replication to "
                              + DR
                              + " listed on "
                              + INSTANCE
                              + " after the apply\n"
                              + apply));
      assertTrue(replicaArn.startsWith("arn:aws:rds:" + DR + ":"), replicaArn);
      DBInstanceAutomatedBackup replica = replica(dr, replicaArn);
      assertEquals("replicating", replica.status());
      assertEquals(7, replica.backupRetentionPeriod());
      assertEquals(PRIMARY, replica.region());
      assertTrue(replica.kmsKeyId().startsWith("arn:aws:kms:" + DR + ":"), replica.kmsKeyId());
      if (!replicatingBefore) {
        assertTrue(
            apply.out().contains("replicating to " + DR + ", 7 days, key " + replica.kmsKeyId()),
            apply.toString());
      }

      Instant incident = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      CliRun pitr =
          CliRun.of(
              worker.connectionArgs(),
              "pitr",
              "--service",
              "payments",
              "--region",
              "dr",
              "--incident-time",
              incident.toString());
      Matcher m = RESTORED.matcher(pitr.out());
      if (m.find()) restored = m.group(1);
      assertEquals(0, pitr.exitCode(), pitr.toString());
      assertTrue(restored != null, pitr.toString());
      Instant point = Instant.parse(m.group(2));
      Instant earliest = Instant.parse(m.group(3));
      Instant latest = Instant.parse(m.group(4));

      Matcher from = FROM.matcher(pitr.out());
      assertTrue(from.find(), pitr.toString());
      assertTrue(
          from.group(1).contains(replicaArn),
          "restored from the replicated backups' ARN: " + from.group(1));
      assertEquals(DR, from.group(2));

      // The replica's window (from the replication's start), not the source's 30 days; the latest
      // point in it.
      Instant replicationStart = replica(dr, replicaArn).restoreWindow().earliestTime();
      assertEquals(
          replicationStart.truncatedTo(ChronoUnit.SECONDS),
          earliest.truncatedTo(ChronoUnit.SECONDS),
          pitr.toString());
      assertFalse(
          earliest.isBefore(beforeApply.minusSeconds(1)),
          "window starts at the replication: " + earliest);
      assertFalse(point.isBefore(earliest), pitr.toString());
      assertFalse(point.isAfter(latest), pitr.toString());
      assertEquals(latest, point, "latest (the default) is the replica's latest restorable time");
      // RPO: data lost between the replica's latest restorable time and the incident (none once it
      // caught up).
      long lost = Math.max(0, Duration.between(point, incident).toSeconds());
      Matcher rpo =
          Pattern.compile("RPO\\s+0m\\s+(\\S+)\\s+(\\S+)\\s+from incident time " + incident)
              .matcher(pitr.out());
      assertTrue(rpo.find(), pitr.toString());
      assertEquals(
          lost < 60 ? lost + "s" : null,
          rpo.group(1),
          "RPO from the replica's latest restorable time");
      assertEquals(lost == 0 ? "no" : "YES", rpo.group(2), "Payments' RPO is 0m");

      String target = restored;
      DBInstance copy =
          dr.describeDBInstances(r -> r.dbInstanceIdentifier(target)).dbInstances().get(0);
      assertTrue(copy.dbInstanceArn().startsWith("arn:aws:rds:" + DR + ":"), copy.dbInstanceArn());
      assertEquals(
          "mycomputer-dr-db",
          copy.dbSubnetGroup() == null ? null : copy.dbSubnetGroup().dbSubnetGroupName());
      var tags = dr.listTagsForResource(r -> r.resourceName(copy.dbInstanceArn())).tagList();
      assertTrue(tags.stream().anyMatch(t -> t.key().startsWith("dr-runbooks:")), tags.toString());
    } finally {
      if (restored != null) {
        deleteRestored(dr, restored);
        databases.drop(restored);
      }
      if (!replicatingBefore && replicationArn(primary).isPresent()) stopReplication(dr, sourceArn);
    }
  }

  private static DBInstance source(RdsClient primary) {
    return primary.describeDBInstances(r -> r.dbInstanceIdentifier(INSTANCE)).dbInstances().get(0);
  }

  private static Optional<String> replicationArn(RdsClient primary) {
    return source(primary).dbInstanceAutomatedBackupsReplications().stream()
        .map(DBInstanceAutomatedBackupsReplication::dbInstanceAutomatedBackupsArn)
        .filter(a -> a.startsWith("arn:aws:rds:" + DR + ":"))
        .findFirst();
  }

  private static DBInstanceAutomatedBackup replica(RdsClient dr, String arn) {
    List<DBInstanceAutomatedBackup> found =
        dr.describeDBInstanceAutomatedBackups(r -> r.dbInstanceAutomatedBackupsArn(arn))
            .dbInstanceAutomatedBackups();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  /** Only the instance this run restored (its dr-runbooks ownership tags say so). */
  private static void deleteRestored(RdsClient dr, String id) {
    try {
      DBInstance db = dr.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
      boolean ours =
          dr.listTagsForResource(r -> r.resourceName(db.dbInstanceArn())).tagList().stream()
              .anyMatch(t -> t.key().startsWith("dr-runbooks:"));
      if (!ours)
        throw new AssertionError(
            id + " in " + DR + " is not tagged as restored by dr-runbooks; left alone");
      if (Boolean.TRUE.equals(db.deletionProtection())) {
        dr.modifyDBInstance(
            r -> r.dbInstanceIdentifier(id).deletionProtection(false).applyImmediately(true));
      }
      dr.deleteDBInstance(
          r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(true).deleteAutomatedBackups(true));
    } catch (DbInstanceNotFoundException e) {
      // already gone
    }
  }

  /** Stops the replication this test started and deletes its backups kept in the DR region. */
  private static void stopReplication(RdsClient dr, String sourceArn) {
    var stopped =
        dr.stopDBInstanceAutomatedBackupsReplication(r -> r.sourceDBInstanceArn(sourceArn))
            .dbInstanceAutomatedBackup();
    dr.deleteDBInstanceAutomatedBackup(
        r -> r.dbInstanceAutomatedBackupsArn(stopped.dbInstanceAutomatedBackupsArn()));
  }
}
