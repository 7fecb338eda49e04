package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.standby.Standby;
import dev.drrunbooks.standby.StandbyLagAllowance;
import java.time.Duration;

/**
 * A replica-strategy service's warm standby, as readiness checks it: the catalog's read replica
 * replicating from the catalog's primary, with a ReplicaLag datapoint in the last minutes within
 * the RPO ({@link StandbyLagAllowance}: where the catalog accepts the RPO as unmet, at most what a
 * point-in-time restore would lose). Its lag is what a region loss would lose of the database now
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html). Pure.
 *
 * <p>For strategy aurora-global, the same rules for the global cluster's secondary cluster ({@link
 * #ofAuroraSecondary}).
 *
 * @param lag the lag as a whole-second window; null when the replica does not replicate or no
 *     datapoint was found
 * @param metric the CloudWatch metric the lag is: ReplicaLag, or AuroraGlobalDBReplicationLag
 */
record StandbyReplicaCheck(ReadinessCheck check, Duration lag, String label, String metric) {
  static final String REPLICA_LAG = "ReplicaLag";
  static final String AURORA_LAG = "AuroraGlobalDBReplicationLag";

  StandbyReplicaCheck(ReadinessCheck check, Duration lag, String label) {
    this(check, lag, label, REPLICA_LAG);
  }

  /** "standby secondary cluster payments-fra (eu-central-1)". */
  static String auroraLabel(Standby standby) {
    return "standby secondary cluster " + standby.replicaLabel();
  }

  /**
   * An aurora-global service's standby: the catalog's secondary cluster a member of the global
   * cluster, not its writer, not pending-resync (Aurora has not rebuilt it after a failover), with
   * an AuroraGlobalDBReplicationLag datapoint within the {@link StandbyLagAllowance}
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalClusterMember.html,
   * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-monitoring.html).
   * Pure.
   *
   * @param lag null when it was not read (the secondary does not replicate)
   */
  static StandbyReplicaCheck ofAuroraSecondary(
      String service,
      Standby standby,
      GlobalClusterState state,
      ReplicaLag lag,
      StandbyLagAllowance allowance) {
    String label = auroraLabel(standby);
    String expected =
        "a secondary of Aurora global cluster "
            + standby.globalCluster()
            + " (member, not the writer, not pending-resync), "
            + AURORA_LAG
            + " "
            + allowance.describe();
    String problem = auroraProblem(standby, state);
    Duration window =
        problem == null && lag != null && lag.hasData()
            ? Duration.ofSeconds((long) Math.ceil(lag.seconds()))
            : null;
    String found =
        problem != null
            ? problem
            : "a replicating secondary; "
                + (window == null
                    ? "no " + AURORA_LAG + " datapoint"
                    : AURORA_LAG + " " + window.toSeconds() + " s");
    boolean passes = window != null && allowance.allows(window);
    return new StandbyReplicaCheck(
        ReadinessCheck.of(service, label, expected, found, passes), window, label, AURORA_LAG);
  }

  /** Why the secondary is no replicating secondary of the global cluster; null when it is. */
  static String auroraProblem(Standby standby, GlobalClusterState state) {
    if (!state.found())
      return "global cluster "
          + standby.globalCluster()
          + " not found: dr standby-instantiate says what to create";
    var member = state.member(standby.replicaArn());
    if (member.isEmpty())
      return "not a member of "
          + standby.globalCluster()
          + ": dr standby-instantiate says how to add it";
    if (member.get().writer())
      return "the writer of "
          + standby.globalCluster()
          + ": a standby failover made it the primary; dr standby-replicate verifies the old"
          + " primary as its secondary, then the catalog's primary and secondary swap";
    if (!member.get().replicatingSecondary())
      return member.get().synchronizationStatus()
          + ": Aurora has not yet rebuilt it as a secondary";
    return null;
  }

  static StandbyReplicaCheck of(
      String service,
      Standby standby,
      ReplicaState state,
      ReplicaLag lag,
      StandbyLagAllowance allowance) {
    String label = "standby replica " + standby.replicaLabel();
    String expected =
        "a read replica of "
            + standby.primaryInstance()
            + ", replicating, ReplicaLag "
            + allowance.describe();
    if (!state.found())
      return new StandbyReplicaCheck(
          ReadinessCheck.of(
              service,
              label,
              expected,
              "not found: dr standby-instantiate --apply creates it",
              false),
          null,
          label);
    boolean ofPrimary = state.replicatesFromASource() && standby.isSource(state.sourceIdentifier());
    boolean replicating =
        ofPrimary
            && (state.replication() == null
                || ("replicating".equals(state.replication())
                    && !Boolean.FALSE.equals(state.replicationNormal())));
    Duration window =
        replicating && lag != null && lag.hasData()
            ? Duration.ofSeconds((long) Math.ceil(lag.seconds()))
            : null;
    String promotedFrom = state.tags().get(ReplicaState.PROMOTED_FROM_TAG);
    String found =
        !state.replicatesFromASource() && standby.isSource(promotedFrom)
            ? promoted(service, standby)
            : state.describe()
                + (window == null
                    ? "; no ReplicaLag datapoint"
                    : "; ReplicaLag " + window.toSeconds() + " s");
    boolean passes = replicating && window != null && allowance.allows(window);
    return new StandbyReplicaCheck(
        ReadinessCheck.of(service, label, expected, found, passes), window, label);
  }

  /**
   * The catalog's replica, promoted by a standby failover (its promoted-from tag names the
   * catalog's primary): the service runs from the DR region, with no standby where the catalog
   * expects one, and this readiness judges the catalog's layout, not the one running. Says what
   * brings it back.
   */
  static String promoted(String service, Standby standby) {
    return standby.replicaLabel()
        + " was promoted from "
        + standby.primaryInstance()
        + " by a standby failover: it is the primary now, and the catalog's layout (primary in "
        + standby.primaryRegion()
        + ", standby in "
        + standby.replicaRegion()
        + ") no longer holds. Next: dr standby-replicate --service "
        + service
        + " --replace-old-primary (a read replica of it in "
        + standby.primaryRegion()
        + ", in place of the old primary), then, to return to the catalog's layout, dr"
        + " standby-failover --service "
        + service
        + " --failback and dr standby-replicate --service "
        + service
        + " --failback --replace-old-primary";
  }
}
