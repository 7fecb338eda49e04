package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.aws.ScriptedSdkClient;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.lang.reflect.InvocationHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;

/**
 * Issue 10, finding 4: RestoreDBInstanceFromDBSnapshot of a snapshot that is not available answers
 * InvalidDBSnapshotState (HTTP 400,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
 * moto restores any snapshot, so the RDS client here is scripted: the target does not exist, the
 * restore is refused, and describe-db-snapshots says the snapshot is 'failed'. The activity must
 * fail non-retryably at once, naming the status, where it used to be retried until the activity
 * timed out.
 */
class RestoreFromUnavailableSnapshotTest {
  private static final String REGION = "eu-west-1";
  private static final String SNAPSHOT = "inventory-snapshot-failed";

  /** Retries as the workflows would, so a retryable failure would show as retries here. */
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  private TestActivityEnvironment env;
  private final AtomicInteger restores = new AtomicInteger();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aFailedSnapshotIsRefusedAtOnceNamingItsStatus() {
    env.registerActivitiesImplementations(
        new RdsRestoreActivitiesImpl(region -> scriptedRds("failed"), Polling.DEFAULT));
    RdsRestoreActivities rds = env.newActivityStub(RdsRestoreActivities.class, OPTIONS);
    SnapshotInfo snapshot =
        new SnapshotInfo(
            SNAPSHOT,
            "arn:aws:rds:eu-west-1:123456789012:snapshot:" + SNAPSHOT,
            REGION,
            "mycomputer-inventory-db",
            "manual",
            "available",
            Instant.parse("2024-01-15T03:00:00Z"),
            false,
            null);
    Ownership owner = new Ownership("restore-x", "token-1", "snapshot-restore");

    long t0 = System.nanoTime();
    ActivityFailure e =
        assertThrows(
            ActivityFailure.class,
            () ->
                rds.restoreFromSnapshot(
                    new SnapshotRestoreRequest(
                        REGION, snapshot, "restore-x-restored", null, owner)));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertTrue(af.isNonRetryable());
    assertEquals("RdsInvalidSnapshotState", af.getType());
    assertEquals(
        "RDS refused to restore from snapshot '"
            + SNAPSHOT
            + "' in eu-west-1: its status is 'failed', not "
            + "'available' (InvalidDBSnapshotState: Snapshot "
            + SNAPSHOT
            + " is not in available state.)",
        af.getOriginalMessage());
    assertEquals(1, restores.get(), "not retried");
    assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took);
  }

  /**
   * describe-db-instances: the source exists, no such target; restore: InvalidDBSnapshotState;
   * describe-db-snapshots: {@code status}.
   */
  private RdsClient scriptedRds(String status) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object arg = args == null || args.length == 0 ? null : args[0];
          if (arg instanceof DescribeDbInstancesRequest r
              && r.dbInstanceIdentifier().equals("mycomputer-inventory-db")) {
            return DescribeDbInstancesResponse.builder()
                .dbInstances(
                    DBInstance.builder()
                        .dbInstanceIdentifier(r.dbInstanceIdentifier())
                        .dbInstanceStatus("available")
                        .build())
                .build(); // the source, for its settings
          }
          if (arg instanceof DescribeDbInstancesRequest r) {
            throw DbInstanceNotFoundException.builder()
                .statusCode(404)
                .message("DBInstance " + r.dbInstanceIdentifier() + " not found.")
                .build();
          }
          if (arg instanceof RestoreDbInstanceFromDbSnapshotRequest r) {
            restores.incrementAndGet();
            String message = "Snapshot " + r.dbSnapshotIdentifier() + " is not in available state.";
            throw InvalidDbSnapshotStateException.builder()
                .statusCode(400)
                .message(message)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("InvalidDBSnapshotState")
                        .errorMessage(message)
                        .build())
                .build();
          }
          if (arg instanceof DescribeDbSnapshotsRequest r) {
            return DescribeDbSnapshotsResponse.builder()
                .dbSnapshots(
                    DBSnapshot.builder()
                        .dbSnapshotIdentifier(r.dbSnapshotIdentifier())
                        .status(status)
                        .snapshotType("manual")
                        .dbInstanceIdentifier("mycomputer-inventory-db")
                        .tagList(List.of())
                        .build())
                .build();
          }
          return ScriptedSdkClient.NOT_SCRIPTED;
        };
    return ScriptedSdkClient.of(RdsClient.class, "rds", handler);
  }
}
