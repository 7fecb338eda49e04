package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.activities.rds.DrBackupReplication;
import dev.drrunbooks.activities.rds.RdsBackupActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.backuppolicy.BackupWindowConflict;
import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupQuotaExceededException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceAutomatedBackupStateException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.StorageTypeNotSupportedException;

/**
 * Reads and enforces the backup settings of production instances, changing nothing else.
 *
 * <p>ModifyDBInstance is sent with {@code ApplyImmediately=false}, once per setting that is off
 * policy, so one RDS refuses (a backup window overlapping the maintenance window) does not keep the
 * others from being enforced. Per the RDS API reference (ModifyDBInstance:
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html), the backup
 * window and a retention change between two non-zero values are applied as soon as possible and IAM
 * database authentication at once, whatever ApplyImmediately says; ApplyImmediately=true would also
 * apply every pending modification of the instance now (an instance class change means a reboot of
 * production). A retention change from or to 0 days causes an outage, so it is left to the next
 * maintenance window, and the result says so.
 *
 * <p>Automated backups are replicated to the DR region with
 * StartDBInstanceAutomatedBackupsReplication and stopped with
 * StopDBInstanceAutomatedBackupsReplication, both sent to the destination region ("Replicating
 * automated backups to another AWS Region",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html). RDS has no
 * call that changes a running replication's retention or key; this class never stops one to
 * re-create it.
 */
public class RdsBackupActivitiesImpl implements RdsBackupActivities {
  private final Function<String, RdsClient> rds;

  public RdsBackupActivitiesImpl(AwsClients aws) {
    this(aws::rds);
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   */
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
    Map<String, String> refused = new LinkedHashMap<>();
    int retention = db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod();
    Integer pending =
        db.pendingModifiedValues() == null
            ? null
            : db.pendingModifiedValues().backupRetentionPeriod();
    boolean any = false;
    if (policy.retentionDays() != (pending != null ? pending : retention)) {
      any = true;
      modify(
          region,
          db,
          BackupSettings.RETENTION,
          c -> c.backupRetentionPeriod(policy.retentionDays()),
          refused);
    }
    if (policy.iamDatabaseAuthentication()
        != Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled())) {
      any = true;
      modify(
          region,
          db,
          BackupSettings.IAM_AUTH,
          c -> c.enableIAMDatabaseAuthentication(policy.iamDatabaseAuthentication()),
          refused);
    }
    if (!Objects.equals(policy.window(), db.preferredBackupWindow())) {
      any = true;
      modify(
          region,
          db,
          BackupSettings.WINDOW,
          c -> c.preferredBackupWindow(policy.window()),
          refused);
    }
    if (!any) return toSettings(db);
    return toSettings(describe(region, instanceId)).withRefused(refused);
  }

  /**
   * One setting in its own ModifyDBInstance, so RDS refusing it (a 4xx that retrying cannot fix)
   * leaves the others applied; the refusal is kept, under the setting's check name, in {@code
   * refused}. A window that overlaps the maintenance window is refused naming that window and one
   * that fits.
   */
  private void modify(
      String region,
      DBInstance db,
      String setting,
      Consumer<ModifyDbInstanceRequest.Builder> value,
      Map<String, String> refused) {
    ModifyDbInstanceRequest.Builder change =
        ModifyDbInstanceRequest.builder()
            .dbInstanceIdentifier(db.dbInstanceIdentifier())
            .applyImmediately(false);
    value.accept(change);
    ModifyDbInstanceRequest request = change.build();
    try {
      rds.apply(region).modifyDBInstance(request);
    } catch (DbInstanceNotFoundException e) {
      throw notFound(region, db.dbInstanceIdentifier());
    } catch (AwsServiceException e) {
      if (!AwsFailures.isPermanent(e)) throw e;
      String message =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      String why = "RDS refused it: " + message.replaceFirst("\\.$", "");
      String conflict =
          BackupSettings.WINDOW.equals(setting)
              ? BackupWindowConflict.describe(
                  request.preferredBackupWindow(), db.preferredMaintenanceWindow())
              : null;
      refused.put(setting, conflict == null ? why : why + "; " + conflict);
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "modify-db-instance " + db.dbInstanceIdentifier() + " in " + region);
    }
  }

  @Override
  public DrBackupReplication drBackupReplication(
      String sourceRegion, String instanceId, String drRegion) {
    return replicationTo(describe(sourceRegion, instanceId), drRegion);
  }

  @Override
  public DrBackupReplication startDrBackupReplication(
      String sourceRegion, String instanceId, String drRegion, DrBackupReplicationSpec spec) {
    DBInstance db = describe(sourceRegion, instanceId);
    DrBackupReplication current = replicationTo(db, drRegion);
    if (current != null) return current;
    try {
      // Called in the destination region; the SDK signs the source-region URL RDS needs from
      // sourceRegion.
      DBInstanceAutomatedBackup started =
          rds.apply(drRegion)
              .startDBInstanceAutomatedBackupsReplication(
                  r ->
                      r.sourceDBInstanceArn(db.dbInstanceArn())
                          .backupRetentionPeriod(spec.retentionDays())
                          .kmsKeyId(spec.kmsKeyId())
                          .sourceRegion(sourceRegion))
              .dbInstanceAutomatedBackup();
      // Read back, as the audit reads it: what RDS now lists, not only what it answered; a
      // replication not yet
      // listed on the source is reported as Start answered it (the next audit reads it back).
      DrBackupReplication listed = replicationTo(describe(sourceRegion, instanceId), drRegion);
      return listed != null
          ? listed
          : new DrBackupReplication(
              drRegion,
              started.status(),
              started.backupRetentionPeriod(),
              started.kmsKeyId(),
              started.dbInstanceAutomatedBackupsArn());
    } catch (KmsKeyNotAccessibleException
        | StorageTypeNotSupportedException
        | DbInstanceAutomatedBackupQuotaExceededException
        | InvalidDbInstanceAutomatedBackupStateException e) {
      // Faults a retry cannot fix (a key RDS may not use, an instance that cannot be replicated):
      // say so at once.
      throw ApplicationFailure.newNonRetryableFailure(
          "start-db-instance-automated-backups-replication "
              + instanceId
              + " to "
              + drRegion
              + " failed: "
              + e.awsErrorDetails().errorCode()
              + ": "
              + e.awsErrorDetails().errorMessage(),
          "Aws" + e.awsErrorDetails().errorCode());
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "start-db-instance-automated-backups-replication " + instanceId + " to " + drRegion);
    }
  }

  @Override
  public DrBackupReplication stopDrBackupReplication(
      String sourceRegion, String instanceId, String drRegion) {
    DBInstance db = describe(sourceRegion, instanceId);
    if (replicationTo(db, drRegion) == null) return null;
    try {
      rds.apply(drRegion)
          .stopDBInstanceAutomatedBackupsReplication(
              r -> r.sourceDBInstanceArn(db.dbInstanceArn()));
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "stop-db-instance-automated-backups-replication " + instanceId + " to " + drRegion);
    }
    return replicationTo(describe(sourceRegion, instanceId), drRegion);
  }

  /**
   * The instance lists the ARNs of its replicated backups (DBInstanceAutomatedBackupsReplications);
   * the one whose ARN names {@code drRegion} is read there with DescribeDBInstanceAutomatedBackups.
   */
  private DrBackupReplication replicationTo(DBInstance db, String drRegion) {
    String arn =
        db.dbInstanceAutomatedBackupsReplications().stream()
            .map(DBInstanceAutomatedBackupsReplication::dbInstanceAutomatedBackupsArn)
            .filter(a -> a != null && a.split(":").length > 3 && a.split(":")[3].equals(drRegion))
            .findFirst()
            .orElse(null);
    if (arn == null) return null;
    try {
      List<DBInstanceAutomatedBackup> found =
          rds.apply(drRegion)
              .describeDBInstanceAutomatedBackups(r -> r.dbInstanceAutomatedBackupsArn(arn))
              .dbInstanceAutomatedBackups();
      if (found.isEmpty())
        return new DrBackupReplication(drRegion, "not found in " + drRegion, null, null, arn);
      DBInstanceAutomatedBackup b = found.get(0);
      return new DrBackupReplication(
          drRegion, b.status(), b.backupRetentionPeriod(), b.kmsKeyId(), arn);
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "describe-db-instance-automated-backups " + arn + " in " + drRegion);
    }
  }

  private DBInstance describe(String region, String instanceId) {
    try {
      return rds.apply(region)
          .describeDBInstances(r -> r.dbInstanceIdentifier(instanceId))
          .dbInstances()
          .get(0);
    } catch (DbInstanceNotFoundException e) {
      throw notFound(region, instanceId);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-instances " + instanceId + " in " + region);
    }
  }

  private static BackupSettings toSettings(DBInstance db) {
    PendingModifiedValues p = db.pendingModifiedValues();
    Integer pending = p == null ? null : p.backupRetentionPeriod();
    return new BackupSettings(
        db.dbInstanceIdentifier(),
        db.dbInstanceStatus(),
        db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod(),
        pending,
        db.preferredBackupWindow(),
        Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled()),
        otherPending(p),
        db.preferredMaintenanceWindow(),
        null);
  }

  /**
   * Pending modifications other than the backup retention, "Field=value", in the SDK's field order.
   */
  static List<String> otherPending(PendingModifiedValues p) {
    List<String> other = new ArrayList<>();
    if (p == null) return other;
    p.sdkFields()
        .forEach(
            field -> {
              Object value = field.getValueOrDefault(p);
              if (value == null || field.memberName().equals("BackupRetentionPeriod")) return;
              if (value instanceof Collection<?> c && c.isEmpty()) return;
              // Never a secret in a result: a pending master password is named, not shown.
              other.add(
                  field.memberName()
                      + (field.memberName().equals("MasterUserPassword")
                          ? " (new password)"
                          : "=" + value));
            });
    return other;
  }

  private static ApplicationFailure notFound(String region, String instanceId) {
    return ApplicationFailure.newNonRetryableFailure(
        "RDS instance '" + instanceId + "' not found in " + region,
        FailureType.RDS_INSTANCE_NOT_FOUND.type());
  }
}
