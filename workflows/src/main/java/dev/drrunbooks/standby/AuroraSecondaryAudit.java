package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.ReplicaLag;
import java.time.Duration;
import java.util.Optional;

/**
 * A standby instantiate's verdict on an aurora-global service's standby, the catalog's secondary
 * cluster in its global cluster: COMPLIANT when a member, not the writer, not pending-resync, its
 * AuroraGlobalDBReplicationLag within the RPO (or the RPO accepted as unmet, or no datapoint yet:
 * said, readiness fails on it); MISSING when the global cluster or the membership is not there;
 * DEGRADED otherwise
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalClusterMember.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-monitoring.html).
 * An apply never creates or changes a cluster: {@link #howToAdd} says what an SRE does. Pure.
 */
final class AuroraSecondaryAudit {
  private AuroraSecondaryAudit() {}

  /**
   * @param lag the secondary's lag; null when not read (it is no replicating secondary)
   */
  static StandbyInstantiateCheck of(
      String service,
      Standby standby,
      GlobalClusterState state,
      ReplicaLag lag,
      StandbyLagAllowance allowance) {
    Optional<GlobalMember> member =
        state.found() ? state.member(standby.replicaArn()) : Optional.empty();
    String found =
        !state.found()
            ? "global cluster " + standby.globalCluster() + " not found"
            : member.isEmpty()
                ? "not a member of " + standby.globalCluster() + " (" + members(state) + ")"
                : (member.get().writer() ? "the writer" : "a reader")
                    + " of "
                    + standby.globalCluster()
                    + ", "
                    + (member.get().synchronizationStatus() == null
                        ? "synchronisation not reported"
                        : member.get().synchronizationStatus());
    Double lagSeconds = lag != null && lag.hasData() ? lag.seconds() : null;
    StandbyInstantiateAction action;
    String detail = null;
    if (member.isEmpty()) {
      action = StandbyInstantiateAction.MISSING;
    } else if (member.get().writer()) {
      action = StandbyInstantiateAction.DEGRADED;
      detail =
          "the writer: a standby failover made it the primary, so the global database has no"
              + " standby in "
              + standby.replicaRegion()
              + "; dr standby-replicate verifies the old primary as its secondary, then swap the"
              + " catalog's recovery.auroraGlobal primaryCluster and secondaryCluster";
    } else if (!member.get().replicatingSecondary()) {
      action = StandbyInstantiateAction.DEGRADED;
      detail =
          member.get().synchronizationStatus()
              + ": Aurora has not yet rebuilt it as a secondary; audit again once it has";
    } else if (lagSeconds == null) {
      action = StandbyInstantiateAction.COMPLIANT;
      detail =
          "no AuroraGlobalDBReplicationLag datapoint yet: readiness fails until one is published";
    } else if (!allowance.allows(Duration.ofSeconds((long) Math.ceil(lagSeconds)))) {
      action = StandbyInstantiateAction.DEGRADED;
      detail =
          "AuroraGlobalDBReplicationLag "
              + (long) Math.ceil(lagSeconds)
              + " s, not "
              + allowance.describe()
              + ": a failover now would lose more than that";
    } else {
      action = StandbyInstantiateAction.COMPLIANT;
    }
    return new StandbyInstantiateCheck(
        service, standby.replicaLabel(), standby.primaryArn(), found, action, lagSeconds, detail);
  }

  /** What an SRE does for a missing secondary: an apply never creates Aurora clusters. */
  static String howToAdd(Standby standby) {
    return "an apply does not create Aurora clusters: add the secondary with CreateDBCluster"
        + " --global-cluster-identifier, e.g. aws rds create-db-cluster --region "
        + standby.replicaRegion()
        + " --db-cluster-identifier "
        + standby.replicaInstance()
        + " --global-cluster-identifier "
        + standby.globalCluster()
        + " --engine (the global cluster's), then a DB instance in it, then audit again"
        + " (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html)";
  }

  private static String members(GlobalClusterState state) {
    return state.members().isEmpty()
        ? "no members"
        : "members " + state.members().stream().map(GlobalMember::clusterArn).toList();
  }
}
