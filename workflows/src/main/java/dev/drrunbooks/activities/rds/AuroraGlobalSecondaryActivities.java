package dev.drrunbooks.activities.rds;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * Adds a missing secondary cluster to an Aurora global database (issue 17, strategy aurora-global,
 * {@code dr standby-instantiate --apply}) as AWS documents adding a secondary region:
 * CreateDBCluster with GlobalClusterIdentifier in the secondary region, a wait until it is
 * available, then one CreateDBInstance reader in it
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html).
 * The wait until the new cluster replicates as a secondary is {@link
 * AuroraGlobalActivities#pollSecondary}.
 *
 * <p>What it creates carries the run's ownership tags and {@link
 * dev.drrunbooks.model.Ownership#KEPT_TAG} = {@value dev.drrunbooks.model.Ownership#KEPT_STANDBY}:
 * the standby outlives its run and {@code dr cleanup} of that run never deletes it. Each create is
 * idempotent by name: a cluster or instance this run owns is returned as it is (a retry after a
 * lost answer); one owned by anyone else, or untagged, is refused non-retryably ({@code NotOwned})
 * and never touched. Non-retryable failures name what was found; throttling, 5xx and network
 * trouble are rethrown for Temporal's retry policy.
 */
@ActivityInterface(namePrefix = "AuroraGlobalSecondary")
public interface AuroraGlobalSecondaryActivities {

  /**
   * DescribeDBClusters of {@code clusterId} in {@code region}
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusters.html). No
   * such cluster is {@link AuroraClusterState#notFound}, not a failure.
   */
  AuroraClusterState describeCluster(String region, String clusterId);

  /**
   * CreateDBCluster of the secondary: DBClusterIdentifier, GlobalClusterIdentifier, the global
   * cluster's Engine and EngineVersion (DescribeGlobalClusters), the request's DBSubnetGroupName
   * and VpcSecurityGroupIds, no master credentials (a secondary takes the primary's), and, for a
   * global cluster that is StorageEncrypted, StorageEncrypted with the request's KmsKeyId. Returns
   * at once: the cluster is then "creating" for minutes.
   *
   * <p>Refused non-retryably: the global cluster not found ({@code GlobalClusterNotFound}); an
   * encrypted one without {@code kmsKeyId}, or no subnet group ({@code InvalidInput}); a cluster of
   * that name not owned by this run ({@code NotOwned}); one of this run's in another global cluster
   * ({@code ClusterConflict}); a quota reached ({@code RdsQuotaExceeded}).
   */
  AuroraClusterState createSecondaryCluster(SecondaryClusterRequest request);

  /**
   * One poll of the wait until the cluster is available, one describe per activity attempt (call it
   * with {@link dev.drrunbooks.model.ActivityDefaults#pollUntil} options): the cluster once its
   * status is available; else a retryable {@link dev.drrunbooks.model.Polls#NOT_YET} (a cluster not
   * listed yet included). A status it never leaves for available (deleting, failed,
   * inaccessible-encryption-credentials...) ends it non-retryably ({@code RdsBadState}); so does
   * {@code deadline} ({@code WaitDeadlineExceeded}, naming the last status).
   */
  AuroraClusterState pollClusterAvailable(String region, String clusterId, Instant deadline);

  /**
   * CreateDBInstance of one reader in the secondary cluster: DBClusterIdentifier, the cluster's
   * Engine, DBInstanceClass = the class of the primary cluster's writer instance
   * (DescribeDBClusters for the member with IsClusterWriter, DescribeDBInstances for its class).
   * Returns at once.
   *
   * <p>Refused non-retryably: the secondary cluster not found ({@code RdsClusterNotFound}); a
   * primary cluster without a writer instance ({@code AuroraWriterNotFound}); an instance of that
   * name not owned by this run ({@code NotOwned}) or of this run's in another cluster ({@code
   * ClusterConflict}); a quota reached ({@code RdsQuotaExceeded}).
   */
  InstanceInfo createReader(SecondaryReaderRequest request);

  /**
   * One poll of the wait until the secondary's reader is available, one DescribeDBInstances per
   * activity attempt (call it with {@link dev.drrunbooks.model.ActivityDefaults#pollUntil}
   * options): a secondary cluster whose storage replicates has no endpoint that answers until an
   * instance does
   * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.html: "the
   * cluster volume" is separate from "DB instances", which process the queries). The reader once
   * its DBInstanceStatus is available; else a retryable {@link dev.drrunbooks.model.Polls#NOT_YET}.
   * A status it never leaves for available (failed, incompatible-parameters, deleting...) ends it
   * non-retryably ({@code RdsBadState}); so does {@code deadline} ({@code WaitDeadlineExceeded},
   * naming the last status).
   */
  InstanceInfo pollReaderAvailable(String region, String instanceId, Instant deadline);
}
