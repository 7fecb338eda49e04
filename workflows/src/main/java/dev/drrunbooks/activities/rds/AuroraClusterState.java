package dev.drrunbooks.activities.rds;

import java.util.List;
import java.util.Map;

/**
 * An Aurora DB cluster as DescribeDBClusters reports it
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html).
 *
 * @param found false when no cluster of that identifier exists in {@code region} (then everything
 *     else is empty)
 * @param arn DBClusterArn, {@code arn:aws:rds:REGION:ACCOUNT:cluster:ID}
 * @param status e.g. creating, available, deleting
 * @param globalClusterId GlobalClusterIdentifier: the global database it belongs to; null when none
 *     or not reported
 * @param instances the identifiers of its DB instances (DBClusterMembers)
 * @param tags its TagList
 */
public record AuroraClusterState(
    String clusterId,
    String region,
    boolean found,
    String arn,
    String status,
    String engine,
    String globalClusterId,
    List<String> instances,
    Map<String, String> tags) {

  public AuroraClusterState {
    instances = instances == null ? List.of() : List.copyOf(instances);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static AuroraClusterState notFound(String region, String clusterId) {
    return new AuroraClusterState(
        clusterId, region, false, null, null, null, null, List.of(), Map.of());
  }

  /** For timelines and reports: "available, in payments-global, instances [payments-fra-1]". */
  public String describe() {
    if (!found) return "not found";
    return status
        + (globalClusterId == null ? ", in no global cluster" : ", in " + globalClusterId)
        + ", instances "
        + instances;
  }
}
