package dev.drrunbooks.standby;

import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Inputs;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Where a standby an instantiate creates in the DR region goes, from the catalog alone: where a
 * restore there goes ({@code database.drRestore}: subnet group and security groups), encrypted with
 * the DR region's key the catalog names for the replicated automated backups ({@code
 * database.backup.drReplication.kmsKeyId}). Shared by the read replica and the Aurora secondary
 * cluster. Pure.
 *
 * @param subnetGroup the DB subnet group in the standby's region
 * @param securityGroupIds its VPC security groups there, never empty
 */
record DrPlacement(String subnetGroup, List<String> securityGroupIds) {

  /**
   * @param standbyNoun what is created, as messages name it: "replica", "secondary cluster"
   * @throws ApplicationFailure InvalidInput naming the service and the catalog field it lacks: no
   *     {@code database.drRestore.subnetGroup} (a standby without one is placed outside the
   *     application's VPC) or no {@code database.drRestore.securityGroupIds} (it would get the
   *     VPC's default group)
   */
  static DrPlacement of(ServiceDefinition service, Standby standby, String standbyNoun) {
    RestoreSettings placement = service.spec().database().drRestore();
    if (placement == null || placement.subnetGroup() == null || placement.subnetGroup().isBlank())
      throw missing(
          service,
          standbyNoun,
          "database.drRestore.subnetGroup",
          "the DB subnet group in "
              + standby.replicaRegion()
              + " the "
              + standbyNoun
              + " is placed in");
    if (placement.securityGroupIds().isEmpty())
      throw missing(
          service,
          standbyNoun,
          "database.drRestore.securityGroupIds",
          "the VPC security groups of the "
              + standbyNoun
              + " in "
              + standby.replicaRegion()
              + " (without them RDS gives it the VPC's default group)");
    return new DrPlacement(placement.subnetGroup(), placement.securityGroupIds());
  }

  /**
   * The catalog's {@code database.backup.drReplication.kmsKeyId} for a standby in the standby's
   * region; null when the catalog names none.
   *
   * @throws ApplicationFailure InvalidInput when it is the ARN of a key of another region (a KMS
   *     key belongs to one region)
   */
  static String kmsKeyOf(ServiceDefinition service, Standby standby, String standbyNoun) {
    String kmsKeyId = drReplicationKey(service);
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
              + ", the "
              + standbyNoun
              + "'s region (a KMS key belongs to one region)");
    return kmsKeyId;
  }

  /** The catalog's {@code database.backup.drReplication.kmsKeyId}; null when none or blank. */
  static String drReplicationKey(ServiceDefinition service) {
    BackupSpec backup = service.spec().database().backup();
    if (backup == null || backup.drReplication() == null) return null;
    String key = backup.drReplication().kmsKeyId();
    return key == null || key.isBlank() ? null : key;
  }

  /** "to create its standby replica the catalog must give FIELD: WHAT; nothing was created". */
  static ApplicationFailure missing(
      ServiceDefinition service, String standbyNoun, String field, String what) {
    return Inputs.invalid(
        "service",
        service.key(),
        "to create its "
            + ("replica".equals(standbyNoun) ? "standby replica" : standbyNoun)
            + " the catalog must give "
            + field
            + ": "
            + what
            + "; nothing was created");
  }
}
