package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.BackupSettings;
import dev.drrunbooks.activities.rds.RdsBackupActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.catalog.BackupSpec;
import io.temporal.failure.ApplicationFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

public class RdsBackupActivitiesImpl implements RdsBackupActivities {
  private final AwsClients aws;

  public RdsBackupActivitiesImpl(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public BackupSettings describeBackupSettings(String region, String instanceId) {
    return toSettings(describe(region, instanceId));
  }

  @Override
  public BackupSettings applyBackupSettings(String region, String instanceId, BackupSpec policy) {
    try {
      aws.rds(region).modifyDBInstance(r -> r
          .dbInstanceIdentifier(instanceId)
          .backupRetentionPeriod(policy.retentionDays())
          .preferredBackupWindow(policy.window())
          .enableIAMDatabaseAuthentication(policy.iamDatabaseAuthentication())
          .applyImmediately(true));
    } catch (DbInstanceNotFoundException e) {
      throw notFound(region, instanceId);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "modify-db-instance " + instanceId + " in " + region);
    }
    return toSettings(describe(region, instanceId));
  }

  private DBInstance describe(String region, String instanceId) {
    try {
      return aws.rds(region).describeDBInstances(r -> r.dbInstanceIdentifier(instanceId)).dbInstances().get(0);
    } catch (DbInstanceNotFoundException e) {
      throw notFound(region, instanceId);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-instances " + instanceId + " in " + region);
    }
  }

  private static BackupSettings toSettings(DBInstance db) {
    Integer pending = db.pendingModifiedValues() == null ? null : db.pendingModifiedValues().backupRetentionPeriod();
    return new BackupSettings(db.dbInstanceIdentifier(), db.dbInstanceStatus(),
        db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod(), pending,
        db.preferredBackupWindow(), Boolean.TRUE.equals(db.iamDatabaseAuthenticationEnabled()));
  }

  private static ApplicationFailure notFound(String region, String instanceId) {
    return ApplicationFailure.newNonRetryableFailure(
        "RDS instance '" + instanceId + "' not found in " + region, "RdsInstanceNotFound");
  }
}
