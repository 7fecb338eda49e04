package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.AuroraClusterState;
import dev.drrunbooks.aws.AwsFailures;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;

/**
 * DescribeDBClusters of one Aurora cluster, with its tags
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html).
 */
final class AuroraClusters {
  private final Function<String, RdsClient> rds;

  AuroraClusters(Function<String, RdsClient> rds) {
    this.rds = rds;
  }

  RdsClient client(String region) {
    return rds.apply(region);
  }

  /** The cluster; empty when RDS answers DBClusterNotFoundFault. */
  Optional<DBCluster> find(String region, String clusterId) {
    try {
      return client(region)
          .describeDBClusters(r -> r.dbClusterIdentifier(clusterId))
          .dbClusters()
          .stream()
          .filter(c -> clusterId.equalsIgnoreCase(c.dbClusterIdentifier()))
          .findFirst();
    } catch (DbClusterNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-clusters " + clusterId + " in " + region);
    }
  }

  /** The cluster's TagList, or ListTagsForResource when the answer carries none. */
  Map<String, String> tags(String region, DBCluster c) {
    if (c.hasTagList()) return RdsTags.toMap(c.tagList());
    try {
      return RdsTags.toMap(
          client(region).listTagsForResource(r -> r.resourceName(c.dbClusterArn())).tagList());
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "list-tags-for-resource " + c.dbClusterArn());
    }
  }

  AuroraClusterState state(String region, DBCluster c) {
    return state(region, c, tags(region, c));
  }

  static AuroraClusterState state(String region, DBCluster c, Map<String, String> tags) {
    return new AuroraClusterState(
        c.dbClusterIdentifier(),
        region,
        true,
        c.dbClusterArn(),
        c.status(),
        c.engine(),
        c.globalClusterIdentifier(),
        c.hasDbClusterMembers()
            ? c.dbClusterMembers().stream().map(DBClusterMember::dbInstanceIdentifier).toList()
            : null,
        tags);
  }
}
