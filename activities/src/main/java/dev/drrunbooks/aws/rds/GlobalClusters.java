package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.aws.AwsFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.FailoverState;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;

/**
 * DescribeGlobalClusters of one Aurora global database, as a {@link GlobalClusterState}
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeGlobalClusters.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_GlobalCluster.html).
 */
final class GlobalClusters {
  /** The failure type of a global cluster that does not exist where one was expected. */
  static final String NOT_FOUND = "GlobalClusterNotFound";

  private final Function<String, RdsClient> rds;

  GlobalClusters(Function<String, RdsClient> rds) {
    this.rds = rds;
  }

  RdsClient client(String region) {
    return rds.apply(region);
  }

  /** The global cluster; empty when RDS answers GlobalClusterNotFoundFault. */
  Optional<GlobalClusterState> find(String region, String globalClusterId) {
    try {
      return client(region)
          .describeGlobalClusters(r -> r.globalClusterIdentifier(globalClusterId))
          .globalClusters()
          .stream()
          // RDS stores the identifier in lower case (GlobalClusterIdentifier in
          // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateGlobalCluster.html);
          // the filter guards against an answer that lists others (moto 5.2.5 lists every one).
          .filter(g -> globalClusterId.equalsIgnoreCase(g.globalClusterIdentifier()))
          .findFirst()
          .map(GlobalClusters::state);
    } catch (GlobalClusterNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "describe-global-clusters " + globalClusterId + " in " + region);
    }
  }

  /** The global cluster, or a non-retryable {@value #NOT_FOUND}. */
  GlobalClusterState require(String region, String globalClusterId) {
    return find(region, globalClusterId).orElseThrow(() -> notFound(region, globalClusterId));
  }

  static ApplicationFailure notFound(String region, String globalClusterId) {
    return ApplicationFailure.newNonRetryableFailure(
        "Aurora global cluster '"
            + globalClusterId
            + "' not found (DescribeGlobalClusters in "
            + region
            + ")",
        NOT_FOUND);
  }

  static GlobalClusterState state(GlobalCluster g) {
    FailoverState failover = g.failoverState();
    return new GlobalClusterState(
        g.globalClusterIdentifier(),
        true,
        g.status(),
        g.hasGlobalClusterMembers()
            ? g.globalClusterMembers().stream().map(GlobalClusters::member).toList()
            : null,
        failover == null ? null : failover.statusAsString(),
        failover == null ? null : failover.toDbClusterArn(),
        failover == null ? null : failover.isDataLossAllowed());
  }

  private static GlobalMember member(GlobalClusterMember m) {
    return new GlobalMember(
        m.dbClusterArn(),
        regionOf(m.dbClusterArn()),
        Boolean.TRUE.equals(m.isWriter()),
        m.synchronizationStatusAsString());
  }

  /**
   * The region of an RDS ARN, arn:PARTITION:rds:REGION:ACCOUNT:cluster:NAME
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.ARN.html); null when it is
   * not one.
   */
  static String regionOf(String arn) {
    if (arn == null) return null;
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && "arn".equals(parts[0]) && !parts[3].isBlank() ? parts[3] : null;
  }
}
