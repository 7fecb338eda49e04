package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.activities.rds.RdsBackupActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.catalog.BackupSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * Reads and enforces the backup settings of production instances, changing nothing else.
 *
 * <p>ModifyDBInstance is sent with {@code ApplyImmediately=false} and only the settings that are off
 * policy. Per the RDS API reference (ModifyDBInstance:
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html), the backup
 * window and a retention change between two non-zero values are applied as soon as possible and IAM
 * database authentication at once, whatever ApplyImmediately says; ApplyImmediately=true would also
 * apply every pending modification of the instance now (an instance class change means a reboot of
 * production). A retention change from or to 0 days causes an outage, so it is left to the next
 * maintenance window, and the result says so.
 */
public class RdsBackupActivitiesImpl implements RdsBackupActivities {
  private final Function<String, RdsClient> rds;

  public RdsBackupActivitiesImpl(AwsClients aws) {
    this(aws::rds);
  }

  /** @param rds the RDS client of a region (tests pass a scripted one) */
  public RdsBackupActivitiesImpl(Function<String, RdsClient> rds) {
    this.rds = rds;
  }

  @Override
  public BackupSettings describeBackupSettings(String region, String instanceId) {
    return toSettings(describe(region, instanceId));
  }

  @Override
  public BackupSettings applyBackupSettings(String region, String instanceId, BackupSpec policy) {
    DBInstance db = describe(region, instanceId);
    ModifyDbInstanceRequest.Builder change = ModifyDbInstanceRequest.builder().dbInstanceIdentifier(instanceId)
        .applyImmediately(false);
    boolean any = false;
    int retention = db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod();
    Integer pending = db.pendingModifiedValues() == null ? null : db.pendingModifiedValues().backupRetentionPeriod();
    if (policy.retentionDays() != (pending != null ? pending : retention)) {
      change.backupRetentionPeriod(policy.retentionDays());
      any = true;
    }
    if (!Objects.equals(policy.window(), db.preferredBackupWindow())) {
      change.preferredBackupWindow(policy.window());
      any = true;
    }
    if (policy.iamDatabaseAuthentication() != Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled())) {
      change.enableIAMDatabaseAuthentication(policy.iamDatabaseAuthentication());
      any = true;
    }
    if (!any) return toSettings(db);
    try {
      rds.apply(region).modifyDBInstance(change.build());
    } catch (DbInstanceNotFoundException e) {
      throw notFound(region, instanceId);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "modify-db-instance " + instanceId + " in " + region);
    }
    return toSettings(describe(region, instanceId));
  }

  private DBInstance describe(String region, String instanceId) {
    try {
      return rds.apply(region).describeDBInstances(r -> r.dbInstanceIdentifier(instanceId)).dbInstances().get(0);
    } catch (DbInstanceNotFoundException e) {
      throw notFound(region, instanceId);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-instances " + instanceId + " in " + region);
    }
  }

  private static BackupSettings toSettings(DBInstance db) {
    PendingModifiedValues p = db.pendingModifiedValues();
    Integer pending = p == null ? null : p.backupRetentionPeriod();
    return new BackupSettings(db.dbInstanceIdentifier(), db.dbInstanceStatus(),
        db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod(), pending,
        db.preferredBackupWindow(), Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled()), otherPending(p));
  }

  /** Pending modifications other than the backup retention, "Field=value", in the SDK's field order. */
  static List<String> otherPending(PendingModifiedValues p) {
    List<String> other = new ArrayList<>();
    if (p == null) return other;
    p.sdkFields().forEach(field -> {
      Object value = field.getValueOrDefault(p);
      if (value == null || field.memberName().equals("BackupRetentionPeriod")) return;
      if (value instanceof Collection<?> c && c.isEmpty()) return;
      // Never a secret in a result: a pending master password is named, not shown.
      other.add(field.memberName() + (field.memberName().equals("MasterUserPassword") ? " (new password)" : "=" + value));
    });
    return other;
  }

  private static ApplicationFailure notFound(String region, String instanceId) {
    return ApplicationFailure.newNonRetryableFailure(
        "RDS instance '" + instanceId + "' not found in " + region, "RdsInstanceNotFound");
  }
}
