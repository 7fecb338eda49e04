package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.activities.rds.SecondaryReaderRequest;
import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;

/**
 * The CreateDBCluster and CreateDBInstance a standby instantiate makes to add an aurora-global
 * service's missing secondary cluster, from the catalog alone
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html).
 * Pure.
 *
 * <p>The secondary goes where a restore in the DR region goes ({@code database.drRestore}: subnet
 * group and security groups); an encrypted global cluster's secondary is encrypted with the DR
 * region's key the catalog names for the replicated automated backups ({@code
 * database.backup.drReplication.kmsKeyId}); whether the global cluster is encrypted only RDS knows,
 * so a missing key is refused by the activity. Its one reader is {@link #readerOf} the cluster.
 */
final class AuroraSecondaryRequest {
  private AuroraSecondaryRequest() {}

  /** The reader instance an apply creates in the secondary cluster: the console's naming. */
  static String readerOf(Standby standby) {
    return standby.replicaInstance() + "-instance-1";
  }

  /**
   * @throws ApplicationFailure InvalidInput naming the service and the catalog field it lacks: no
   *     {@code database.drRestore.subnetGroup} (a cluster without one is placed outside the
   *     application's VPC), no {@code database.drRestore.securityGroupIds} (it would get the VPC's
   *     default group), or a {@code database.backup.drReplication.kmsKeyId} ARN of another region
   */
  static SecondaryClusterRequest cluster(
      ServiceDefinition service, Standby standby, Ownership owner) {
    RestoreSettings placement = service.spec().database().drRestore();
    if (placement == null || placement.subnetGroup() == null || placement.subnetGroup().isBlank())
      throw missing(
          service,
          "database.drRestore.subnetGroup",
          "the DB subnet group in "
              + standby.replicaRegion()
              + " the secondary cluster is placed in");
    if (placement.securityGroupIds().isEmpty())
      throw missing(
          service,
          "database.drRestore.securityGroupIds",
          "the VPC security groups of the secondary cluster in "
              + standby.replicaRegion()
              + " (without them RDS gives it the VPC's default group)");
    String kmsKeyId = drKmsKey(service);
    if (kmsKeyId != null
        && kmsKeyId.startsWith("arn:")
        && !kmsKeyId.contains(":" + standby.replicaRegion() + ":"))
      throw Inputs.invalid(
          "service",
          service.key(),
          "its catalog's database.backup.drReplication.kmsKeyId "
              + kmsKeyId
              + " is not a key of "
              + standby.replicaRegion()
              + ", the secondary cluster's region (a KMS key belongs to one region)");
    return new SecondaryClusterRequest(
        standby.replicaRegion(),
        standby.replicaInstance(),
        standby.globalCluster(),
        placement.subnetGroup(),
        placement.securityGroupIds(),
        kmsKeyId,
        owner);
  }

  static SecondaryReaderRequest reader(Standby standby, Ownership owner) {
    return new SecondaryReaderRequest(
        standby.replicaRegion(),
        readerOf(standby),
        standby.replicaInstance(),
        standby.primaryRegion(),
        standby.primaryInstance(),
        owner);
  }

  /** The refusal an audit notes when an apply would meet it; null when an apply could create it. */
  static String refusalOf(ServiceDefinition service, Standby standby) {
    try {
      cluster(service, standby, new Ownership("audit", "audit", "standby-instantiate"));
      return null;
    } catch (ApplicationFailure e) {
      return e.getOriginalMessage();
    }
  }

  private static String drKmsKey(ServiceDefinition service) {
    BackupSpec backup = service.spec().database().backup();
    if (backup == null || backup.drReplication() == null) return null;
    String key = backup.drReplication().kmsKeyId();
    return key == null || key.isBlank() ? null : key;
  }

  private static ApplicationFailure missing(ServiceDefinition service, String field, String what) {
    return Inputs.invalid(
        "service",
        service.key(),
        "to create its secondary cluster the catalog must give "
            + field
            + ": "
            + what
            + "; nothing was created");
  }
}
