package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.Placement;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;

/** What a replicate-back refuses about the world, and where its reverse replica goes. Pure. */
final class ReplicateBackChecks {
  private ReplicateBackChecks() {}

  /** What holds the old primary's name in its region. */
  enum There {
    NOTHING,
    REVERSE_REPLICA,
    OLD_PRIMARY
  }

  /**
   * The catalog's standby was promoted from the catalog's primary by a standby failover: found, no
   * longer a replica, tagged promoted-from the primary.
   *
   * @throws ApplicationFailure NoPromotedStandby, naming what was found: nothing changed
   */
  static void requirePromoted(Standby standby, ReplicaState promoted) {
    if (promoted.found()
        && !promoted.replicatesFromASource()
        && standby.isSource(promoted.tags().get(ReplicaState.PROMOTED_FROM_TAG))) return;
    throw ApplicationFailure.newNonRetryableFailure(
        "the standby "
            + standby.replicaLabel()
            + " is "
            + promoted.describe()
            + ", not promoted from "
            + standby.primaryArn()
            + " by a standby failover: there is nothing to replicate back from. Nothing was"
            + " changed",
        "NoPromotedStandby");
  }

  /**
   * @throws ApplicationFailure ReverseReplicaConflict when the old primary's name is a read replica
   *     of anything but the promoted standby
   */
  static There whatIsThere(Standby standby, ReplicaState promoted, ReplicaState there) {
    if (!there.found()) return There.NOTHING;
    if (!there.replicatesFromASource()) return There.OLD_PRIMARY;
    String source = there.sourceIdentifier();
    if (source.equals(promoted.arn()) || source.equals(standby.replicaInstance()))
      return There.REVERSE_REPLICA;
    throw ApplicationFailure.newNonRetryableFailure(
        standby.primaryInstance()
            + " ("
            + standby.primaryRegion()
            + ") is a read replica of "
            + source
            + ", not of the promoted standby "
            + promoted.arn()
            + ". Nothing was changed",
        "ReverseReplicaConflict");
  }

  /**
   * The reverse replica: the old primary's name, in its region, where the old primary lived ({@code
   * placement}: its subnet group, security groups, KMS key and class, read before it was deleted),
   * else where the catalog's primary-region restores go ({@code database.restore}).
   *
   * @throws ApplicationFailure InvalidInput naming {@code database.restore.subnetGroup} when the
   *     old primary was already gone and the catalog does not say where the reverse replica goes
   */
  static ReplicaRequest request(
      ServiceDefinition service, Standby standby, Placement placement, Ownership owner) {
    String subnetGroup;
    java.util.List<String> securityGroups;
    String kmsKeyId = null;
    String instanceClass = null;
    if (placement != null && placement.subnetGroup() != null) {
      subnetGroup = placement.subnetGroup();
      securityGroups = placement.securityGroupIds();
      kmsKeyId = placement.kmsKeyId();
      instanceClass = placement.instanceClass();
    } else {
      RestoreSettings restore = service.spec().database().restore();
      if (restore == null || restore.subnetGroup() == null || restore.subnetGroup().isBlank())
        throw ApplicationFailure.newNonRetryableFailure(
            "where the reverse replica goes in "
                + standby.primaryRegion()
                + " is not known: "
                + (placement == null
                    ? "the old primary is gone"
                    : "the old primary " + standby.primaryInstance() + " names no DB subnet group")
                + " and the catalog's "
                + service.key()
                + " names no database.restore.subnetGroup (and securityGroupIds). Nothing was"
                + " changed. Add them to the catalog, then start the replicate-back again",
            "ReverseReplicaPlacementUnknown");
      subnetGroup = restore.subnetGroup();
      securityGroups = restore.securityGroupIds();
    }
    return new ReplicaRequest(
        standby.primaryRegion(),
        standby.primaryInstance(),
        standby.replicaRegion(),
        standby.replicaInstance(),
        kmsKeyId,
        subnetGroup,
        securityGroups,
        instanceClass,
        owner);
  }

  /**
   * The old primary's placement as read: "subnet group G, security groups [sg-...]", "no DB subnet
   * group, security groups [...]" or "gone". Pure.
   */
  static String describePlacement(Placement p) {
    if (p == null) return "gone";
    return (p.subnetGroup() == null ? "no DB subnet group" : "subnet group " + p.subnetGroup())
        + ", security groups "
        + p.securityGroupIds();
  }

  /**
   * Where {@link #request} put the reverse replica and whose placement that is: "subnet group G,
   * security groups [...] (the old primary's)" or "(the catalog's database.restore: the old primary
   * names no DB subnet group)". Pure.
   */
  static String describeWhere(ReplicaRequest request, Placement oldPrimary) {
    boolean own = oldPrimary != null && oldPrimary.subnetGroup() != null;
    return "subnet group "
        + request.subnetGroup()
        + ", security groups "
        + request.securityGroupIds()
        + (own
            ? " (the old primary's)"
            : oldPrimary == null
                ? " (the catalog's database.restore: the old primary is gone)"
                : " (the catalog's database.restore: the old primary names no DB subnet group)");
  }
}
