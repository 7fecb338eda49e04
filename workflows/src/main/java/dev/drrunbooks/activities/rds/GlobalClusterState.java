package dev.drrunbooks.activities.rds;

import java.util.List;

/**
 * An Aurora global database as DescribeGlobalClusters reports it
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalCluster.html).
 *
 * @param found false when there is no global cluster of that id (then everything else is empty)
 * @param status e.g. available, failing-over, switching-over
 * @param members each member cluster: its ARN, region and whether it is the writer
 * @param failoverStatus FailoverState.Status (pending, failing-over, cancelling); null when none
 * @param failoverTo FailoverState.ToDbClusterArn; null when none
 * @param dataLossAllowed FailoverState.IsDataLossAllowed: true for a failover, false for a
 *     switchover; null when none
 */
public record GlobalClusterState(
    String globalClusterId,
    boolean found,
    String status,
    List<GlobalMember> members,
    String failoverStatus,
    String failoverTo,
    Boolean dataLossAllowed) {

  public GlobalClusterState {
    members = members == null ? List.of() : List.copyOf(members);
  }

  public static GlobalClusterState notFound(String globalClusterId) {
    return new GlobalClusterState(globalClusterId, false, null, List.of(), null, null, null);
  }

  /** The writer member's cluster ARN; null when none is the writer. */
  public String writerArn() {
    return members.stream()
        .filter(GlobalMember::writer)
        .map(GlobalMember::clusterArn)
        .findFirst()
        .orElse(null);
  }

  /**
   * One member of a global cluster.
   *
   * @param clusterArn DBClusterArn
   * @param region the region of its ARN
   * @param writer IsWriter
   */
  public record GlobalMember(String clusterArn, String region, boolean writer) {}
}
