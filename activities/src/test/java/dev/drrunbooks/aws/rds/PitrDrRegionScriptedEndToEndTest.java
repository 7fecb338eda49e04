package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
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
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * Issue 11, finding 2, end to end where the emulator cannot go (moto has no automated-backup
 * replication): the point-in-time restore workflow with {@code region: dr}, run by the real {@link
 * RdsRestoreActivitiesImpl} over the scripted RDS of {@link ScriptedBackupsRds}
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html). The primary
 * region has nothing at all: it is gone.
 */
class PitrDrRegionScriptedEndToEndTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(PointInTimeRestoreWorkflowImpl.class);

  private static final String ARN =
      "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-locationsreplica";
  private final ScriptedBackupsRds aws = new ScriptedBackupsRds();
  private final Instant replicaLatest =
      Instant.now().minus(Duration.ofMinutes(9)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    aws.backup(
        "eu-central-1",
        "mycomputer-locations-db",
        "db-LOCATIONS",
        "replicating",
        "eu-west-1",
        replicaLatest.minus(Duration.ofDays(7)),
        replicaLatest,
        ARN);
    DataValidationActivities noQueries =
        (target, source, queries) -> ValidationReport.of(List.of());
    worker.registerActivitiesImplementations(
        new RdsRestoreActivitiesImpl(
            aws::client, new Polling(Duration.ofMillis(10), Duration.ofMillis(50))),
        new FakeCatalog(),
        noQueries);
    env.start();
  }

  @Test
  void drPitrRestoresLocationsFromTheBackupsReplicatedToTheDrRegion(
      WorkflowClient client, Worker worker) {
    PointInTimeRestoreWorkflow wf =
        client.newWorkflowStub(
            PointInTimeRestoreWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("pitr-locations-dr")
                .setTaskQueue(worker.getTaskQueue())
                .build());

    PointInTimeRestoreResult result =
        wf.run(
            new PointInTimeRestoreInput(
                "locations",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "dr-app-subnets",
                List.of("sg-0fedcba9876543210"),
                "dr-postgres15",
                null,
                null,
                "dr"));

    assertEquals("eu-central-1", result.region());
    assertEquals(replicaLatest, result.restorePoint(), "the replica's latest restorable time");
    assertEquals(
        "automated backups of mycomputer-locations-db replicated from eu-west-1 to eu-central-1 ("
            + ARN
            + ")",
        result.restoredFrom());
    RestoreDbInstanceToPointInTimeRequest sent = aws.restores.get(0);
    assertEquals(ARN, sent.sourceDBInstanceAutomatedBackupsArn());
    assertNull(sent.sourceDBInstanceIdentifier());
    assertEquals(replicaLatest, sent.restoreTime());
    assertEquals("dr-app-subnets", sent.dbSubnetGroupName());
    assertEquals(
        "available",
        aws.instances.get("eu-central-1").get(result.restoredInstance()).dbInstanceStatus());
    assertNull(aws.instances.get("eu-west-1"), "nothing asked of the lost region");
    assertTrue(
        result.copySettings().deletionProtection(),
        "a recovery's copy is protected: " + result.summary());
    assertTrue(
        result
            .summary()
            .startsWith(
                "Restored automated backups of mycomputer-locations-db replicated from"
                    + " eu-west-1 to eu-central-1"),
        result.summary());
  }
}
