package dev.drrunbooks.activities.rds;

import java.util.List;
import java.util.Optional;

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

  /** The member whose DBClusterArn is {@code clusterArn}; empty when it is none. */
  public Optional<GlobalMember> member(String clusterArn) {
    return members.stream().filter(m -> m.clusterArn().equals(clusterArn)).findFirst();
  }

  /**
   * One member of a global cluster
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalClusterMember.html).
   *
   * @param clusterArn DBClusterArn
   * @param region the region of its ARN
   * @param writer IsWriter
   * @param synchronizationStatus SynchronizationStatus: connected, or pending-resync while Aurora
   *     has not yet rebuilt it as a secondary (after a failover allowing data loss, the old primary
   *     until its region is back and rebuilt); null when the answer gives none (older answers,
   *     moto, histories recorded before it was read)
   */
  public record GlobalMember(
      String clusterArn, String region, boolean writer, String synchronizationStatus) {

    /** SynchronizationStatus of a member Aurora has yet to resynchronise. */
    public static final String PENDING_RESYNC = "pending-resync";

    /**
     * A reader that replicates: not the writer, and not waiting to be resynchronised (no status
     * given is read as connected: only pending-resync says otherwise).
     */
    public boolean replicatingSecondary() {
      return !writer && !PENDING_RESYNC.equals(synchronizationStatus);
    }
  }
}
