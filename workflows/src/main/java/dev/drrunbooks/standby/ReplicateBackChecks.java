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
    requirePromoted(standby, promoted, null);
  }

  /**
   * As {@link #requirePromoted(Standby, ReplicaState)}; {@code failbackOf}, the service's key when
   * failing back: the refusal then names the failback failover as what to run first.
   */
  static void requirePromoted(Standby standby, ReplicaState promoted, String failbackOf) {
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
            + " changed"
            + (failbackOf == null
                ? ""
                : ". Fail back first: dr standby-failover --service " + failbackOf + " --failback"),
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
   * else where the catalog's restores in that region go ({@code database.restore}; when failing
   * back, the old primary is in the DR region and that is {@code database.drRestore}).
   *
   * <p>The KMS key is the old primary's; failing back without one, the DR region's key the catalog
   * names for the replicated backups ({@code database.backup.drReplication.kmsKeyId}), which
   * createReplica sends for an encrypted source only.
   *
   * @param failback {@code standby} is {@link Standby#reversed}: the old primary is the catalog's
   *     replica, in the DR region
   * @throws ApplicationFailure ReverseReplicaPlacementUnknown naming {@code
   *     database.restore.subnetGroup} (or {@code database.drRestore.subnetGroup}) when the old
   *     primary was already gone, or names no subnet group, and the catalog does not say where the
   *     reverse replica goes
   */
  static ReplicaRequest request(
      ServiceDefinition service,
      Standby standby,
      Placement placement,
      Ownership owner,
      boolean failback) {
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
      RestoreSettings restore =
          failback ? service.spec().database().drRestore() : service.spec().database().restore();
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
                + " names no "
                + restoreField(failback)
                + ".subnetGroup (and securityGroupIds). Nothing was changed. Add them to the"
                + " catalog, then start the replicate-back again",
            "ReverseReplicaPlacementUnknown");
      subnetGroup = restore.subnetGroup();
      securityGroups = restore.securityGroupIds();
    }
    if (failback && kmsKeyId == null) kmsKeyId = DrPlacement.drReplicationKey(service);
    return new ReplicaRequest(
        standby.primaryRegion(),
        standby.primaryInstance(),
        standby.replicaRegion(),
        standby.replicaInstance(),
        kmsKeyId,
        subnetGroup,
        securityGroups,
        instanceClass,
        owner,
        // Its name's tags too (cost, ownership), so the service's instance keeps them.
        placement == null ? java.util.Map.of() : placement.tags());
  }

  /** The catalog field placing restores in the old primary's region. */
  private static String restoreField(boolean failback) {
    return failback ? "database.drRestore" : "database.restore";
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
   * names no DB subnet group)" ({@code database.drRestore} when failing back). Pure.
   */
  static String describeWhere(ReplicaRequest request, Placement oldPrimary, boolean failback) {
    boolean own = oldPrimary != null && oldPrimary.subnetGroup() != null;
    String catalogs = " (the catalog's " + restoreField(failback);
    return "subnet group "
        + request.subnetGroup()
        + ", security groups "
        + request.securityGroupIds()
        + (own
            ? " (the old primary's)"
            : oldPrimary == null
                ? catalogs + ": the old primary is gone)"
                : catalogs + ": the old primary names no DB subnet group)");
  }
}
