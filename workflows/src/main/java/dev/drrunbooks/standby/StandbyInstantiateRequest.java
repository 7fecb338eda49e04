package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;

/**
 * The CreateDBInstanceReadReplica a standby instantiate makes, from the catalog alone
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html).
 * Pure.
 *
 * <p>The replica goes where a restore in the DR region goes ({@code database.drRestore}: subnet
 * group and security groups), encrypted with the DR region's key the catalog already names for the
 * replicated automated backups ({@code database.backup.drReplication.kmsKeyId}). Its instance class
 * is left to RDS, which gives a replica its source's class: the standby must carry the primary's
 * load once promoted.
 */
final class StandbyInstantiateRequest {
  private static final String NOUN = "replica";

  private StandbyInstantiateRequest() {}

  /**
   * @throws ApplicationFailure InvalidInput naming the service and the catalog field it lacks: no
   *     {@code database.drRestore.subnetGroup} (a replica without one is placed outside the
   *     application's VPC), no {@code database.drRestore.securityGroupIds} (it would get the VPC's
   *     default group), no {@code database.backup.drReplication.kmsKeyId} for a replica in another
   *     region than the primary (a KMS key belongs to one region; RDS requires one there for an
   *     encrypted source), or a key ARN of another region
   */
  static ReplicaRequest of(ServiceDefinition service, Standby standby, Ownership owner) {
    DrPlacement placement = DrPlacement.of(service, standby, NOUN);
    boolean crossRegion = !standby.replicaRegion().equals(standby.primaryRegion());
    String kmsKeyId = crossRegion ? DrPlacement.kmsKeyOf(service, standby, NOUN) : null;
    if (crossRegion && kmsKeyId == null)
      throw DrPlacement.missing(
          service,
          NOUN,
          "database.backup.drReplication.kmsKeyId",
          "the KMS key in "
              + standby.replicaRegion()
              + " the replica is encrypted with (a key belongs to one region)");
    return new ReplicaRequest(
        standby.replicaRegion(),
        standby.replicaInstance(),
        standby.primaryRegion(),
        standby.primaryInstance(),
        kmsKeyId,
        placement.subnetGroup(),
        placement.securityGroupIds(),
        null,
        owner);
  }

  /**
   * The refusal an audit notes on a missing replica when an apply would meet it; null when an apply
   * could create it.
   */
  static String refusalOf(ServiceDefinition service, Standby standby) {
    try {
      of(service, standby, new Ownership("audit", "audit", "standby-instantiate"));
      return null;
    } catch (ApplicationFailure e) {
      return e.getOriginalMessage();
    }
  }
}
