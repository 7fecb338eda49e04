package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.DrBackupReplication;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import io.temporal.failure.ApplicationFailure;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.StartDbInstanceAutomatedBackupsReplicationRequest;
import software.amazon.awssdk.services.rds.model.StartDbInstanceAutomatedBackupsReplicationResponse;
import software.amazon.awssdk.services.rds.model.StopDbInstanceAutomatedBackupsReplicationRequest;
import software.amazon.awssdk.services.rds.model.StopDbInstanceAutomatedBackupsReplicationResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Automated backups replicated to the DR region, against a scripted RDS (moto 5.2.5 has neither
 * StartDBInstanceAutomatedBackupsReplication nor StopDBInstanceAutomatedBackupsReplication). It
 * models "Replicating automated backups to another AWS Region"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html) and the API
 * reference
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBInstanceAutomatedBackupsReplication.html):
 * start and stop are sent to the destination region with the source instance's ARN; the source
 * instance then lists the replica's ARN under DBInstanceAutomatedBackupsReplications, and
 * DescribeDBInstanceAutomatedBackups in the destination region reports its status, retention and
 * KMS key. Start refuses a KMS key it cannot use (KMSKeyNotAccessibleFault).
 */
class DrBackupReplicationTest {
  private static final String SOURCE = "eu-west-1";
  private static final String DR = "eu-central-1";
  private static final String INSTANCE = "mycomputer-payments-db";
  private static final String INSTANCE_ARN = "arn:aws:rds:eu-west-1:123456789012:db:" + INSTANCE;
  private static final String KEY =
      "arn:aws:kms:eu-central-1:123456789012:key/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5";
  private static final DrBackupReplicationSpec SPEC = new DrBackupReplicationSpec(true, 7, KEY);

  /** The instance in the source region and its replicated backups, by destination region. */
  private static final class ScriptedRds {
    final Map<String, DBInstanceAutomatedBackup> replicas = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    String unusableKey;

    /**
     * RDS has accepted a Start but the source does not list the replication yet (eventual
     * consistency).
     */
    boolean notListedYet;

    RdsClient client(String region) {
      return (RdsClient)
          Proxy.newProxyInstance(
              RdsClient.class.getClassLoader(),
              new Class<?>[] {RdsClient.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "describeDBInstances" -> {
                      DescribeDbInstancesRequest r =
                          request(args[0], DescribeDbInstancesRequest::builder);
                      calls.add(
                          "describe-db-instances " + r.dbInstanceIdentifier() + " in " + region);
                      yield DescribeDbInstancesResponse.builder().dbInstances(instance()).build();
                    }
                    case "describeDBInstanceAutomatedBackups" -> {
                      DescribeDbInstanceAutomatedBackupsRequest r =
                          request(args[0], DescribeDbInstanceAutomatedBackupsRequest::builder);
                      DBInstanceAutomatedBackup b = replicas.get(region);
                      yield DescribeDbInstanceAutomatedBackupsResponse.builder()
                          .dbInstanceAutomatedBackups(
                              b != null
                                      && b.dbInstanceAutomatedBackupsArn()
                                          .equals(r.dbInstanceAutomatedBackupsArn())
                                  ? List.of(b)
                                  : List.of())
                          .build();
                    }
                    case "startDBInstanceAutomatedBackupsReplication" -> {
                      StartDbInstanceAutomatedBackupsReplicationRequest r =
                          request(
                              args[0], StartDbInstanceAutomatedBackupsReplicationRequest::builder);
                      calls.add(
                          "start "
                              + r.sourceDBInstanceArn()
                              + " in "
                              + region
                              + " from "
                              + r.sourceRegion()
                              + ", "
                              + r.backupRetentionPeriod()
                              + " days, key "
                              + r.kmsKeyId());
                      if (r.kmsKeyId() != null && r.kmsKeyId().equals(unusableKey)) {
                        throw KmsKeyNotAccessibleException.builder()
                            .statusCode(400)
                            .awsErrorDetails(
                                AwsErrorDetails.builder()
                                    .errorCode("KMSKeyNotAccessibleFault")
                                    .errorMessage("The specified KMS key is not accessible")
                                    .build())
                            .build();
                      }
                      DBInstanceAutomatedBackup b =
                          DBInstanceAutomatedBackup.builder()
                              .dbInstanceArn(r.sourceDBInstanceArn())
                              .region(SOURCE)
                              .status("pending")
                              .backupRetentionPeriod(r.backupRetentionPeriod())
                              .kmsKeyId(r.kmsKeyId())
                              .dbInstanceAutomatedBackupsArn(
                                  "arn:aws:rds:" + region + ":123456789012:auto-backup:ab-1")
                              .build();
                      // Start answers "pending"; described afterwards, the replica has moved on
                      // ("replicating").
                      if (!notListedYet)
                        replicas.put(region, b.toBuilder().status("replicating").build());
                      yield StartDbInstanceAutomatedBackupsReplicationResponse.builder()
                          .dbInstanceAutomatedBackup(b)
                          .build();
                    }
                    case "stopDBInstanceAutomatedBackupsReplication" -> {
                      StopDbInstanceAutomatedBackupsReplicationRequest r =
                          request(
                              args[0], StopDbInstanceAutomatedBackupsReplicationRequest::builder);
                      calls.add("stop " + r.sourceDBInstanceArn() + " in " + region);
                      DBInstanceAutomatedBackup b = replicas.remove(region);
                      yield StopDbInstanceAutomatedBackupsReplicationResponse.builder()
                          .dbInstanceAutomatedBackup(b)
                          .build();
                    }
                    case "close" -> null;
                    case "serviceName" -> "rds";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }

    DBInstance instance() {
      return DBInstance.builder()
          .dbInstanceIdentifier(INSTANCE)
          .dbInstanceArn(INSTANCE_ARN)
          .dbInstanceAutomatedBackupsReplications(
              replicas.values().stream()
                  .map(
                      b ->
                          DBInstanceAutomatedBackupsReplication.builder()
                              .dbInstanceAutomatedBackupsArn(b.dbInstanceAutomatedBackupsArn())
                              .build())
                  .toList())
          .build();
    }

    RdsBackupActivitiesImpl activities() {
      return new RdsBackupActivitiesImpl(this::client);
    }

    /** The SDK's consumer-builder overload, or the request itself. */
    @SuppressWarnings("unchecked")
    static <R, B extends SdkBuilder<B, R>> R request(Object arg, Supplier<B> builder) {
      if (!(arg instanceof Consumer<?> c)) return (R) arg;
      B b = builder.get();
      ((Consumer<B>) c).accept(b);
      return b.build();
    }
  }

  @Test
  void notReplicatedReadsAsNull() {
    assertNull(new ScriptedRds().activities().drBackupReplication(SOURCE, INSTANCE, DR));
  }

  @Test
  void startIsSentToTheDrRegionWithTheSourceArnRetentionAndKey() {
    ScriptedRds rds = new ScriptedRds();

    DrBackupReplication started =
        rds.activities().startDrBackupReplication(SOURCE, INSTANCE, DR, SPEC);

    assertEquals(
        new DrBackupReplication(
            DR, "replicating", 7, KEY, "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-1"),
        started,
        "read back, not as Start answered");
    assertEquals(
        List.of(
            "describe-db-instances " + INSTANCE + " in eu-west-1",
            "start " + INSTANCE_ARN + " in eu-central-1 from eu-west-1, 7 days, key " + KEY,
            "describe-db-instances " + INSTANCE + " in eu-west-1"),
        rds.calls);
    assertEquals(
        "replicating to eu-central-1, 7 days, key " + KEY,
        rds.activities().drBackupReplication(SOURCE, INSTANCE, DR).describe());
  }

  @Test
  void aStartNotYetListedOnTheSourceIsReportedAsRdsAnsweredIt() {
    ScriptedRds rds = new ScriptedRds();
    rds.notListedYet = true;

    DrBackupReplication started =
        rds.activities().startDrBackupReplication(SOURCE, INSTANCE, DR, SPEC);

    assertEquals(
        new DrBackupReplication(
            DR, "pending", 7, KEY, "arn:aws:rds:eu-central-1:123456789012:auto-backup:ab-1"),
        started);
  }

  @Test
  void startingAgainChangesNothing() {
    ScriptedRds rds = new ScriptedRds();
    rds.activities().startDrBackupReplication(SOURCE, INSTANCE, DR, SPEC);
    rds.calls.clear();

    DrBackupReplication again =
        rds.activities()
            .startDrBackupReplication(
                SOURCE, INSTANCE, DR, new DrBackupReplicationSpec(true, 14, KEY));

    assertEquals(7, again.retentionDays(), "the running replication, as it is");
    assertEquals(List.of("describe-db-instances " + INSTANCE + " in eu-west-1"), rds.calls);
  }

  @Test
  void aReplicationToAnotherRegionIsNotTheDrRegionsOne() {
    ScriptedRds rds = new ScriptedRds();
    rds.activities().startDrBackupReplication(SOURCE, INSTANCE, "us-east-1", SPEC);

    assertNull(rds.activities().drBackupReplication(SOURCE, INSTANCE, DR));
    assertEquals(
        "us-east-1",
        rds.activities().drBackupReplication(SOURCE, INSTANCE, "us-east-1").destinationRegion());
  }

  @Test
  void stopIsSentToTheDrRegionAndIsIdempotent() {
    ScriptedRds rds = new ScriptedRds();
    rds.activities().startDrBackupReplication(SOURCE, INSTANCE, DR, SPEC);
    rds.calls.clear();

    assertNull(rds.activities().stopDrBackupReplication(SOURCE, INSTANCE, DR));
    assertNull(rds.activities().stopDrBackupReplication(SOURCE, INSTANCE, DR));

    assertEquals(1, rds.calls.stream().filter(c -> c.startsWith("stop ")).count());
    assertTrue(
        rds.calls.contains("stop " + INSTANCE_ARN + " in eu-central-1"), rds.calls.toString());
  }

  @Test
  void anUnusableKeyIsANonRetryableFailureNamingTheCall() {
    ScriptedRds rds = new ScriptedRds();
    rds.unusableKey = KEY;

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> rds.activities().startDrBackupReplication(SOURCE, INSTANCE, DR, SPEC));

    assertTrue(e.isNonRetryable());
    assertEquals(
        "start-db-instance-automated-backups-replication "
            + INSTANCE
            + " to eu-central-1 failed: "
            + "KMSKeyNotAccessibleFault: The specified KMS key is not accessible",
        e.getOriginalMessage());
  }
}
