package dev.drrunbooks.activities.rds;

import io.temporal.activity.ActivityInterface;
import java.time.Duration;
import java.time.Instant;

/**
 * A warm standby kept as an Aurora global database's secondary cluster (issue 17, strategy
 * aurora-global): describe the global cluster, read the secondary's replication lag, switch over
 * (planned) or fail over (unplanned), and wait until the target cluster is the writer
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html).
 *
 * <p>Every call names the region it is made in (the global cluster's API answers in any member's
 * region; during a regional outage, the secondary's). Non-retryable failures (ApplicationFailure)
 * name the cluster and what was found; throttling, 5xx and network trouble are rethrown for
 * Temporal's retry policy. Refusals never change anything.
 */
@ActivityInterface(namePrefix = "AuroraGlobal")
public interface AuroraGlobalActivities {

  /**
   * DescribeGlobalClusters of {@code globalClusterId}: its status, each member cluster's ARN and
   * whether it is the writer, and its FailoverState (status pending, failing-over or cancelling,
   * from and to, whether data loss is allowed) when a switchover or failover is under way
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalCluster.html). No such
   * global cluster is {@link GlobalClusterState#notFound}, not a failure.
   */
  GlobalClusterState describeGlobalCluster(String region, String globalClusterId);

  /**
   * The secondary cluster's CloudWatch AuroraGlobalDBReplicationLag (AWS/RDS, DBClusterIdentifier,
   * milliseconds), the newest datapoint's Maximum within {@code window}, in seconds
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-monitoring.html).
   * None in the window is {@link ReplicaLag#noData()}, never 0.
   */
  ReplicaLag replicationLag(String region, String secondaryClusterId, Duration window);

  /**
   * SwitchoverGlobalCluster to {@code targetClusterArn}: the planned change of writer, which waits
   * until the secondary is fully synchronised and so loses no data; refused by RDS when the global
   * cluster is not healthy (a member unavailable, a failover under way)
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html).
   * Returns at once, the answer's status; the writer changes minutes later ({@link #pollWriter}). A
   * target that is already the writer is "already the writer", a switchover to it already under way
   * "under way": a retry after a lost answer changes nothing.
   */
  String switchover(String region, String globalClusterId, String targetClusterArn);

  /**
   * FailoverGlobalCluster to {@code targetClusterArn} with AllowDataLoss=true: the unplanned
   * failover after the primary region is lost; what had not replicated is lost
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html).
   * Returns at once as {@link #switchover} does, idempotent the same way.
   */
  String failoverAllowingDataLoss(String region, String globalClusterId, String targetClusterArn);

  /**
   * One poll of the wait for a switchover or failover, one describe per activity attempt (call it
   * with {@link dev.drrunbooks.model.ActivityDefaults#pollUntil} options): the global cluster once
   * {@code targetClusterArn} is its writer and no FailoverState remains; else a retryable {@link
   * dev.drrunbooks.model.Polls#NOT_YET} naming the pause; past {@code deadline}, non-retryably
   * {@code WaitDeadlineExceeded} naming the last state.
   */
  GlobalClusterState pollWriter(
      String region, String globalClusterId, String targetClusterArn, Instant deadline);

  /**
   * One poll of the wait until {@code clusterArn} replicates as a secondary of the global cluster
   * again, one describe per activity attempt (call it with {@link
   * dev.drrunbooks.model.ActivityDefaults#pollUntil} options): the global cluster once the cluster
   * is a member, not the writer, and not pending-resync ({@link
   * GlobalClusterState.GlobalMember#replicatingSecondary}). After a failover allowing data loss,
   * Aurora lists the old primary as pending-resync until its region is back, then snapshots it
   * ({@code rds:unplanned-global-failover-...}) and rebuilds it as a secondary
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html,
   * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalClusterMember.html): until
   * then a retryable {@link dev.drrunbooks.model.Polls#NOT_YET}. Non-retryably, at once: {@code
   * GlobalClusterMemberNotFound} when it is no member (removed from the global cluster: Aurora
   * never re-adds it), {@code GlobalClusterBadState} when it is the writer; past {@code deadline},
   * {@code WaitDeadlineExceeded} naming the last state. Changes nothing.
   */
  GlobalClusterState pollSecondary(
      String region, String globalClusterId, String clusterArn, Instant deadline);

  /**
   * The cluster's writer endpoint (DescribeDBClusters' Endpoint:
   * CLUSTER.cluster-UNIQUE.REGION.rds.amazonaws.com) and port, for the database pointer once it is
   * the writer; refused non-retryably ({@code RdsClusterNotFound}) when there is no such cluster.
   */
  InstanceInfo writerEndpoint(String region, String clusterId);
}
