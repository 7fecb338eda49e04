package dev.drrunbooks.aws.rds;

import dev.drrunbooks.aws.ScriptedSdkClient;
import java.lang.reflect.InvocationHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.InvalidRestoreException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeResponse;
import software.amazon.awssdk.services.rds.model.RestoreWindow;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * A scripted RDS of several regions with automated backups, for what moto 5.2.5 lacks:
 *
 * <ul>
 *   <li>retained automated backups of a deleted instance, listed by
 *       DescribeDBInstanceAutomatedBackups with status {@code retained}, their own DbiResourceId,
 *       ARN and RestoreWindow
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.Retaining.html,
 *       https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstanceAutomatedBackup.html);
 *   <li>automated backups replicated to another region, listed there with the source's identifier,
 *       ARN and Region and their own ARN and window
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html);
 *   <li>RestoreDBInstanceToPointInTime restoring by SourceDbiResourceId or
 *       SourceDBInstanceAutomatedBackupsArn, requiring exactly one source and a RestoreTime within
 *       that source's window (InvalidRestoreFault otherwise)
 *       (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html);
 *       the instance is "creating" when the call returns and available when next described. moto
 *       ignores both parameters and restores the first instance it lists.
 * </ul>
 *
 * Implements only describe-db-instances, describe-db-instance-automated-backups,
 * describe-db-snapshots (by DBInstanceIdentifier or DbiResourceId,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html)
 * restore-to-point-in-time, and modify-db-instance of deletion protection and backup retention
 * (applied at once).
 */
final class ScriptedBackupsRds {
  final Map<String, Map<String, DBInstance>> instances = new HashMap<>();
  final Map<String, List<DBInstanceAutomatedBackup>> backups = new HashMap<>();
  final List<RestoreDbInstanceToPointInTimeRequest> restores = new ArrayList<>();

  /**
   * DB snapshots by region; described by identifier or by DbiResourceId (this script ignores
   * neither).
   */
  final Map<String, List<DBSnapshot>> snapshots = new HashMap<>();

  void backup(
      String region,
      String instanceId,
      String resourceId,
      String status,
      String sourceRegion,
      Instant earliest,
      Instant latest) {
    backup(
        region,
        instanceId,
        resourceId,
        status,
        sourceRegion,
        earliest,
        latest,
        "arn:aws:rds:"
            + region
            + ":123456789012:auto-backup:ab-"
            + resourceId.substring(3).toLowerCase());
  }

  void backup(
      String region,
      String instanceId,
      String resourceId,
      String status,
      String sourceRegion,
      Instant earliest,
      Instant latest,
      String arn) {
    String home = sourceRegion == null ? region : sourceRegion;
    backups
        .computeIfAbsent(region, r -> new ArrayList<>())
        .add(
            DBInstanceAutomatedBackup.builder()
                .dbInstanceIdentifier(instanceId)
                .dbiResourceId(resourceId)
                .status(status)
                .region(home)
                .dbInstanceArn("arn:aws:rds:" + home + ":123456789012:db:" + instanceId)
                .dbInstanceAutomatedBackupsArn(arn)
                .restoreWindow(
                    earliest == null
                        ? null
                        : RestoreWindow.builder().earliestTime(earliest).latestTime(latest).build())
                .build());
  }

  /** The client of {@code region}. */
  RdsClient client(String region) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object arg = args == null || args.length == 0 ? null : args[0];
          Map<String, DBInstance> here = instances.computeIfAbsent(region, r -> new HashMap<>());
          List<DBInstanceAutomatedBackup> kept = backups.getOrDefault(region, List.of());
          if (arg instanceof DescribeDbInstancesRequest r) {
            DBInstance db = here.get(r.dbInstanceIdentifier());
            if (db == null) {
              throw DbInstanceNotFoundException.builder()
                  .statusCode(404)
                  .message("DBInstance " + r.dbInstanceIdentifier() + " not found.")
                  .build();
            }
            if ("creating".equals(db.dbInstanceStatus()))
              here.put(db.dbInstanceIdentifier(), available(db));
            return DescribeDbInstancesResponse.builder().dbInstances(db).build();
          }
          if (arg instanceof DescribeDbInstanceAutomatedBackupsRequest r
              && !method.getName().endsWith("Paginator")) {
            return DescribeDbInstanceAutomatedBackupsResponse.builder()
                .dbInstanceAutomatedBackups(
                    kept.stream()
                        .filter(
                            b ->
                                r.dbInstanceIdentifier() == null
                                    || r.dbInstanceIdentifier().equals(b.dbInstanceIdentifier()))
                        .toList())
                .build();
          }
          if (arg instanceof DescribeDbSnapshotsRequest r
              && !method.getName().endsWith("Paginator")) {
            return DescribeDbSnapshotsResponse.builder()
                .dbSnapshots(
                    snapshots.getOrDefault(region, List.of()).stream()
                        .filter(
                            x ->
                                r.dbInstanceIdentifier() == null
                                    || r.dbInstanceIdentifier().equals(x.dbInstanceIdentifier()))
                        .filter(
                            x ->
                                r.dbiResourceId() == null
                                    || r.dbiResourceId().equals(x.dbiResourceId()))
                        .toList())
                .build();
          }
          if (arg instanceof ModifyDbInstanceRequest r) { // the copy's protections, applied at once
            DBInstance db =
                here.get(r.dbInstanceIdentifier()).toBuilder()
                    .deletionProtection(r.deletionProtection())
                    .backupRetentionPeriod(r.backupRetentionPeriod())
                    .build();
            here.put(db.dbInstanceIdentifier(), db);
            return ModifyDbInstanceResponse.builder().dbInstance(db).build();
          }
          if (arg instanceof RestoreDbInstanceToPointInTimeRequest r) {
            long sources =
                Stream.of(
                        r.sourceDBInstanceIdentifier(),
                        r.sourceDbiResourceId(),
                        r.sourceDBInstanceAutomatedBackupsArn())
                    .filter(Objects::nonNull)
                    .count();
            if (sources != 1) {
              throw RdsException.builder()
                  .statusCode(400)
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("InvalidParameterCombination")
                          .errorMessage(
                              "exactly one of SourceDBInstanceIdentifier,"
                                  + " SourceDbiResourceId and SourceDBInstanceAutomatedBackupsArn")
                          .build())
                  .build();
            }
            DBInstanceAutomatedBackup from =
                kept.stream()
                    .filter(
                        b ->
                            b.dbiResourceId().equals(r.sourceDbiResourceId())
                                || b.dbInstanceAutomatedBackupsArn()
                                    .equals(r.sourceDBInstanceAutomatedBackupsArn()))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            DbInstanceAutomatedBackupNotFoundException.builder()
                                .statusCode(404)
                                .message(
                                    "no automated backup "
                                        + r.sourceDbiResourceId()
                                        + r.sourceDBInstanceAutomatedBackupsArn())
                                .build());
            Instant t = r.restoreTime();
            if (t.isBefore(from.restoreWindow().earliestTime())
                || t.isAfter(from.restoreWindow().latestTime())) {
              throw InvalidRestoreException.builder()
                  .statusCode(400)
                  .message("restore time outside the window")
                  .build();
            }
            restores.add(r);
            DBInstance db =
                DBInstance.builder()
                    .dbInstanceIdentifier(r.targetDBInstanceIdentifier())
                    .dbInstanceArn(
                        "arn:aws:rds:"
                            + region
                            + ":123456789012:db:"
                            + r.targetDBInstanceIdentifier())
                    .dbInstanceStatus("creating")
                    .tagList(r.tags())
                    .dbSubnetGroup(
                        DBSubnetGroup.builder().dbSubnetGroupName(r.dbSubnetGroupName()).build())
                    .vpcSecurityGroups(
                        r.vpcSecurityGroupIds().stream()
                            .map(
                                g ->
                                    VpcSecurityGroupMembership.builder()
                                        .vpcSecurityGroupId(g)
                                        .status("active")
                                        .build())
                            .toList())
                    .dbParameterGroups(
                        DBParameterGroupStatus.builder()
                            .dbParameterGroupName(r.dbParameterGroupName())
                            .build())
                    .multiAZ(Boolean.TRUE.equals(r.multiAZ()))
                    .build();
            here.put(db.dbInstanceIdentifier(), db);
            return RestoreDbInstanceToPointInTimeResponse.builder().dbInstance(db).build();
          }
          return ScriptedSdkClient.NOT_SCRIPTED;
        };
    return ScriptedSdkClient.of(RdsClient.class, "rds", handler);
  }

  private static DBInstance available(DBInstance db) {
    return db.toBuilder()
        .dbInstanceStatus("available")
        .endpoint(
            Endpoint.builder()
                .address(db.dbInstanceIdentifier() + ".rds.example")
                .port(5432)
                .build())
        .build();
  }
}
