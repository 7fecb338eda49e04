package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.catalog.BackupSpec;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * Each backup setting in its own ModifyDBInstance, against a scripted RDS that refuses one of them
 * as the RDS API reference documents (ModifyDBInstance, Errors:
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html —
 * InvalidParameterCombination, HTTP 400, e.g. IAM database authentication on an engine version that
 * lacks it) or throttles it (ThrottlingException, retried: the activity throws so Temporal retries
 * it, and the retry sends only what is still off policy).
 */
class BackupPolicyRefusedSettingTest {
  private static final BackupSpec POLICY = new BackupSpec(30, "03:00-04:00", true);

  private static final class ScriptedInstance {
    int retention = 7;
    String window = "22:00-22:30";
    boolean iam;
    String refuse;
    String throttleOnce;
    final List<String> sent = new ArrayList<>();

    RdsClient client() {
      return (RdsClient)
          Proxy.newProxyInstance(
              RdsClient.class.getClassLoader(),
              new Class<?>[] {RdsClient.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "describeDBInstances" -> {
                      if (args[0] instanceof Consumer<?>) {
                        @SuppressWarnings("unchecked")
                        Consumer<DescribeDbInstancesRequest.Builder> c =
                            (Consumer<DescribeDbInstancesRequest.Builder>) args[0];
                        c.accept(DescribeDbInstancesRequest.builder());
                      }
                      yield DescribeDbInstancesResponse.builder()
                          .dbInstances(
                              DBInstance.builder()
                                  .dbInstanceIdentifier("mycomputer-inventory-db")
                                  .dbInstanceStatus("available")
                                  .backupRetentionPeriod(retention)
                                  .preferredBackupWindow(window)
                                  .iamDatabaseAuthenticationEnabled(iam)
                                  .preferredMaintenanceWindow("sun:03:15-sun:04:15")
                                  .build())
                          .build();
                    }
                    case "modifyDBInstance" -> {
                      ModifyDbInstanceRequest r = (ModifyDbInstanceRequest) args[0];
                      String setting =
                          r.backupRetentionPeriod() != null
                              ? "retention"
                              : r.enableIAMDatabaseAuthentication() != null ? "iam" : "window";
                      sent.add(setting);
                      if (setting.equals(throttleOnce)) {
                        throttleOnce = null;
                        throw error(400, "ThrottlingException", "Rate exceeded");
                      }
                      if (setting.equals(refuse)) {
                        throw error(
                            400,
                            "InvalidParameterCombination",
                            "IAM authentication is not supported for this engine");
                      }
                      if (r.backupRetentionPeriod() != null) retention = r.backupRetentionPeriod();
                      if (r.enableIAMDatabaseAuthentication() != null)
                        iam = r.enableIAMDatabaseAuthentication();
                      if (r.preferredBackupWindow() != null) window = r.preferredBackupWindow();
                      yield ModifyDbInstanceResponse.builder().build();
                    }
                    case "close" -> null;
                    case "serviceName" -> "rds";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }

    BackupSettings apply(BackupSpec policy) {
      return new RdsBackupActivitiesImpl(region -> client())
          .applyBackupSettings("eu-west-1", "mycomputer-inventory-db", policy);
    }
  }

  private static AwsServiceException error(int status, String code, String message) {
    return RdsException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }

  @Test
  void aRefusedSettingIsNamedAndTheOthersAreStillSet() {
    ScriptedInstance db = new ScriptedInstance();
    db.refuse = "iam";

    BackupSettings after = db.apply(new BackupSpec(30, "01:00-02:00", true));

    assertEquals(List.of("retention", "iam", "window"), db.sent);
    assertEquals(30, after.retentionDays());
    assertEquals("01:00-02:00", after.window());
    assertFalse(after.iamDatabaseAuthentication());
    assertEquals(
        Map.of(
            BackupSettings.IAM_AUTH,
            "RDS refused it: IAM authentication is not supported for this engine"),
        after.refused());
  }

  @Test
  void aRefusedWindowOverTheMaintenanceWindowNamesItAndAWindowThatFits() {
    ScriptedInstance db = new ScriptedInstance();
    db.refuse = "window";

    BackupSettings after = db.apply(POLICY);

    assertEquals(30, after.retentionDays());
    assertTrue(after.iamDatabaseAuthentication());
    assertEquals("sun:03:15-sun:04:15", after.maintenanceWindow());
    assertTrue(
        after
            .refused()
            .get(BackupSettings.WINDOW)
            .endsWith(
                "the backup window 03:00-04:00 overlaps the instance's maintenance window"
                    + " sun:03:15-sun:04:15; a backup window that does not: 01:45-02:45 (change the"
                    + " catalog's window), or move the maintenance window"),
        after.refused().toString());
  }

  @Test
  void aThrottledSettingIsThrownForARetryThatSendsOnlyWhatIsStillOff() {
    ScriptedInstance db = new ScriptedInstance();
    db.throttleOnce = "iam";

    AwsServiceException e = assertThrows(AwsServiceException.class, () -> db.apply(POLICY));
    assertTrue(e.isThrottlingException());
    assertEquals(30, db.retention, "set before the throttle");

    db.sent.clear();
    BackupSettings after = db.apply(POLICY);
    assertEquals(List.of("iam", "window"), db.sent);
    assertEquals(Map.of(), after.refused());
    assertTrue(after.iamDatabaseAuthentication());
  }
}
