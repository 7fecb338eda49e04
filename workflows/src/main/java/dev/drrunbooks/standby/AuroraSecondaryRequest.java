package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.SecondaryClusterRequest;
import dev.drrunbooks.activities.rds.SecondaryReaderRequest;
import dev.drrunbooks.catalog.ServiceDefinition;
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
  private static final String NOUN = "secondary cluster";

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
    DrPlacement placement = DrPlacement.of(service, standby, NOUN);
    return new SecondaryClusterRequest(
        standby.replicaRegion(),
        standby.replicaInstance(),
        standby.globalCluster(),
        placement.subnetGroup(),
        placement.securityGroupIds(),
        DrPlacement.kmsKeyOf(service, standby, NOUN),
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
}
