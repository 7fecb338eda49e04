package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.catalog.ServiceDefinition;
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
 * An apply adds a missing secondary ({@link AuroraSecondaryCreation}, {@link #whatAnApplyDoes});
 * runs before it ({@link StandbyInstantiateWorkflowImpl#AURORA_CREATE}) never created or changed a
 * cluster and said what an SRE does ({@link #howToAdd}). Pure.
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

  /**
   * What an apply does about a MISSING secondary: adds it to an existing global database unless the
   * catalog lacks what that needs; a missing global database it does not create.
   */
  static String whatAnApplyDoes(
      ServiceDefinition service, Standby standby, StandbyInstantiateCheck audited) {
    if (audited.found() != null && audited.found().startsWith("global cluster "))
      return "an apply adds only the secondary cluster to an existing global database: create "
          + standby.globalCluster()
          + " with its primary first"
          + " (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-creating.html)";
    String refusal = AuroraSecondaryRequest.refusalOf(service, standby);
    if (refusal != null) return "an apply would be refused: " + refusal;
    return "an apply creates it unless a cluster of that name exists in "
        + standby.replicaRegion()
        + " (then it is left untouched): CreateDBCluster "
        + standby.replicaInstance()
        + " --global-cluster-identifier "
        + standby.globalCluster()
        + " (the global cluster's engine and version) in subnet group "
        + service.spec().database().drRestore().subnetGroup()
        + ", then reader "
        + AuroraSecondaryRequest.readerOf(standby)
        + " of the primary writer's class, both tagged with its run and kept as the standby"
        + " (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html)";
  }

  /**
   * What an SRE does for a missing secondary, as runs before {@link
   * StandbyInstantiateWorkflowImpl#AURORA_CREATE} said: they created no Aurora cluster.
   */
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
