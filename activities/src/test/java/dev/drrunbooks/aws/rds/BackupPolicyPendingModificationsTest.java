package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.catalog.BackupSpec;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * The backup policy on a production instance with a pending instance-class change, against a
 * scripted RDS that applies ModifyDBInstance as the RDS API reference documents it (moto applies
 * every modification at once and keeps no pending values):
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html —
 * ApplyImmediately=true also applies all pending modifications (a class change reboots the
 * instance); the backup window and a retention change between non-zero values apply as soon as
 * possible and IAM authentication at once whatever ApplyImmediately says; a retention change from
 * or to 0 (an outage) waits for the maintenance window unless ApplyImmediately is true.
 */
class BackupPolicyPendingModificationsTest {
  private static final BackupSpec POLICY = new BackupSpec(30, "03:00-04:00", true);

  /** One instance as the scripted RDS keeps it. */
  private static final class ScriptedInstance {
    int retention;
    Integer pendingRetention;
    String window;
    boolean iam;
    String instanceClass = "db.r6g.large";
    String pendingClass;
    final List<ModifyDbInstanceRequest> modifies = new ArrayList<>();
    final List<String> reboots = new ArrayList<>();

    ScriptedInstance(int retention, String window, boolean iam, String pendingClass) {
      this.retention = retention;
      this.window = window;
      this.iam = iam;
      this.pendingClass = pendingClass;
    }

    DBInstance describe() {
      return DBInstance.builder()
          .dbInstanceIdentifier("mycomputer-inventory-db")
          .dbInstanceStatus("available")
          .backupRetentionPeriod(retention)
          .preferredBackupWindow(window)
          .iamDatabaseAuthenticationEnabled(iam)
          .dbInstanceClass(instanceClass)
          .pendingModifiedValues(
              PendingModifiedValues.builder()
                  .backupRetentionPeriod(pendingRetention)
                  .dbInstanceClass(pendingClass)
                  .build())
          .build();
    }

    void modify(ModifyDbInstanceRequest r) {
      modifies.add(r);
      boolean now = Boolean.TRUE.equals(r.applyImmediately());
      if (now && pendingClass != null) {
        instanceClass = pendingClass;
        pendingClass = null;
        reboots.add("instance class change applied immediately");
      }
      if (r.preferredBackupWindow() != null) window = r.preferredBackupWindow();
      if (r.enableIAMDatabaseAuthentication() != null) iam = r.enableIAMDatabaseAuthentication();
      if (r.backupRetentionPeriod() != null) {
        boolean outage = (retention == 0) != (r.backupRetentionPeriod() == 0);
        if (outage && !now) {
          pendingRetention = r.backupRetentionPeriod();
        } else {
          retention = r.backupRetentionPeriod();
          if (outage) reboots.add("retention from or to 0 applied immediately");
        }
      }
    }

    RdsClient client() {
      return (RdsClient)
          Proxy.newProxyInstance(
              RdsClient.class.getClassLoader(),
              new Class<?>[] {RdsClient.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "describeDBInstances" -> {
                      if (args[0] instanceof Consumer<?>) { // the SDK's consumer-builder overload
                        @SuppressWarnings("unchecked")
                        Consumer<DescribeDbInstancesRequest.Builder> c =
                            (Consumer<DescribeDbInstancesRequest.Builder>) args[0];
                        c.accept(DescribeDbInstancesRequest.builder());
                      }
                      yield DescribeDbInstancesResponse.builder().dbInstances(describe()).build();
                    }
                    case "modifyDBInstance" -> {
                      modify((ModifyDbInstanceRequest) args[0]);
                      yield ModifyDbInstanceResponse.builder().dbInstance(describe()).build();
                    }
                    case "close" -> null;
                    case "serviceName" -> "rds";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }
  }

  @Test
  void aPendingInstanceClassChangeIsNotAppliedAndIsNamedForTheMaintenanceWindow() {
    ScriptedInstance db = new ScriptedInstance(7, "22:00-22:30", false, "db.r6g.2xlarge");

    BackupSettings after =
        new RdsBackupActivitiesImpl(region -> db.client())
            .applyBackupSettings("eu-west-1", "mycomputer-inventory-db", POLICY);

    assertEquals(3, db.modifies.size(), "one ModifyDBInstance per setting: " + db.modifies);
    db.modifies.forEach(
        m -> assertFalse(m.applyImmediately(), "never ApplyImmediately on production"));
    assertEquals(List.of(), db.reboots, "no reboot of production");
    assertEquals("db.r6g.large", db.instanceClass);
    assertEquals(30, after.retentionDays());
    assertEquals("03:00-04:00", after.window());
    assertTrue(after.iamDatabaseAuthentication());
    assertEquals(List.of("DBInstanceClass=db.r6g.2xlarge"), after.otherPendingChanges());
  }

  @Test
  void retentionFromZeroWaitsForTheMaintenanceWindowInsteadOfAnOutageNow() {
    ScriptedInstance db = new ScriptedInstance(0, "03:00-04:00", true, null);

    BackupSettings after =
        new RdsBackupActivitiesImpl(region -> db.client())
            .applyBackupSettings("eu-west-1", "mycomputer-inventory-db", POLICY);

    assertEquals(List.of(), db.reboots, "no outage now");
    assertEquals(0, after.retentionDays());
    assertEquals(30, after.pendingRetentionDays(), "accepted, pending for the maintenance window");
    assertEquals(30, after.effectiveRetentionDays());
    ModifyDbInstanceRequest sent = db.modifies.get(0);
    assertNull(sent.preferredBackupWindow(), "a compliant setting is not sent");
    assertNull(sent.enableIAMDatabaseAuthentication(), "a compliant setting is not sent");
  }

  @Test
  void aCompliantInstanceIsNotModifiedAtAll() {
    ScriptedInstance db = new ScriptedInstance(30, "03:00-04:00", true, "db.r6g.2xlarge");

    BackupSettings after =
        new RdsBackupActivitiesImpl(region -> db.client())
            .applyBackupSettings("eu-west-1", "mycomputer-inventory-db", POLICY);

    assertEquals(List.of(), db.modifies);
    assertEquals(List.of("DBInstanceClass=db.r6g.2xlarge"), after.otherPendingChanges());
  }

  @Test
  void aRetentionAlreadyPendingAtThePolicyValueIsNotSentAgain() {
    ScriptedInstance db = new ScriptedInstance(0, "03:00-04:00", true, null);
    db.pendingRetention = 30;

    new RdsBackupActivitiesImpl(region -> db.client())
        .applyBackupSettings("eu-west-1", "mycomputer-inventory-db", POLICY);

    assertEquals(List.of(), db.modifies);
  }
}
