package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.RdsSupport.require;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.aws.rds.ReplicaLagReader.LagMetric;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.InvalidGlobalClusterStateException;

/**
 * The Aurora global database standby (issue 17, strategy aurora-global): describe, the secondary's
 * AuroraGlobalDBReplicationLag, SwitchoverGlobalCluster and FailoverGlobalCluster (each idempotent:
 * described first), and the wait until the target is the writer, one describe per activity attempt.
 */
public class AuroraGlobalActivitiesImpl implements AuroraGlobalActivities {
  private static final Logger log = LoggerFactory.getLogger(AuroraGlobalActivitiesImpl.class);

  /** What {@link #switchover} and {@link #failoverAllowingDataLoss} return for a done target. */
  public static final String ALREADY_WRITER = "already the writer";

  /** ... and for one a switchover or failover to it is already under way. */
  public static final String UNDER_WAY = "under way";

  /** The target cluster ARN is not a member of the global cluster: nothing was asked of RDS. */
  static final String MEMBER_NOT_FOUND = "GlobalClusterMemberNotFound";

  /** RDS refused the switchover or failover (InvalidGlobalClusterState, InvalidDBClusterState). */
  static final String REFUSED = "GlobalClusterChangeRefused";

  /** The writer wait saw a state the target never becomes the writer from. */
  static final String BAD_STATE = "GlobalClusterBadState";

  /** The writer wait's status once the target is the writer and no operation remains. */
  static final String WRITER = "target is the writer";

  /**
   * FailoverState.Status of an operation being called off: the clusters "are returning to their
   * previous state"
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverState.html).
   */
  static final String CANCELLING = "cancelling";

  private final Function<String, RdsClient> rds;
  private final GlobalClusters clusters;
  private final StatusPoller poller;
  private final ReplicaLagReader lag;

  public AuroraGlobalActivitiesImpl(AwsClients aws) {
    this(aws::rds, aws::cloudWatch, Polling.DEFAULT, Clock.systemUTC());
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   * @param cloudWatch the CloudWatch client of a region
   * @param polling the backoff between the writer wait's polls
   */
  public AuroraGlobalActivitiesImpl(
      Function<String, RdsClient> rds,
      Function<String, CloudWatchClient> cloudWatch,
      Polling polling,
      Clock clock) {
    this.rds = rds;
    this.clusters = new GlobalClusters(rds);
    this.poller = new StatusPoller(polling, clock);
    this.lag = new ReplicaLagReader(cloudWatch, clock, LagMetric.AURORA_GLOBAL_DB_REPLICATION_LAG);
  }

  /**
   * DescribeDBClusters' Endpoint (the cluster's writer endpoint) and Port
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBCluster.html).
   */
  @Override
  public InstanceInfo writerEndpoint(String region, String clusterId) {
    require(region, "region");
    require(clusterId, "clusterId");
    try {
      DBCluster cluster =
          rds.apply(region)
              .describeDBClusters(r -> r.dbClusterIdentifier(clusterId))
              .dbClusters()
              .get(0);
      return new InstanceInfo(
          clusterId,
          region,
          cluster.dbClusterArn(),
          cluster.status(),
          cluster.endpoint(),
          cluster.port(),
          Map.of(),
          null,
          null);
    } catch (DbClusterNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS cluster '" + clusterId + "' not found in " + region, "RdsClusterNotFound");
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-clusters " + clusterId + " in " + region);
    }
  }

  @Override
  public GlobalClusterState describeGlobalCluster(String region, String globalClusterId) {
    require(region, "region");
    require(globalClusterId, "globalClusterId");
    return clusters
        .find(region, globalClusterId)
        .orElseGet(() -> GlobalClusterState.notFound(globalClusterId));
  }

  @Override
  public ReplicaLag replicationLag(String region, String secondaryClusterId, Duration window) {
    require(region, "region");
    require(secondaryClusterId, "secondaryClusterId");
    require(window, "window");
    if (window.compareTo(ReplicaLagReader.PERIOD) < 0)
      throw RdsSupport.invalidInput(
          "window: " + window + " is too short; at least a minute (RDS publishes one a minute)");
    ReplicaLag found = lag.newest(region, secondaryClusterId, window);
    log.info(
        "Aurora secondary cluster {} in {}: AuroraGlobalDBReplicationLag {} over the last {}",
        secondaryClusterId,
        region,
        found.hasData() ? found.seconds() + " s at " + found.at() : "no data",
        window);
    return found;
  }

  @Override
  public String switchover(String region, String globalClusterId, String targetClusterArn) {
    return change(region, globalClusterId, targetClusterArn, Change.SWITCHOVER);
  }

  @Override
  public String failoverAllowingDataLoss(
      String region, String globalClusterId, String targetClusterArn) {
    return change(region, globalClusterId, targetClusterArn, Change.FAILOVER);
  }

  /** The two ways to change the writer. */
  private enum Change {
    /**
     * SwitchoverGlobalCluster: waits until the secondaries are synchronised, loses nothing
     * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_SwitchoverGlobalCluster.html).
     */
    SWITCHOVER("switchover-global-cluster"),
    /**
     * FailoverGlobalCluster with AllowDataLoss=true: what had not replicated is lost
     * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html).
     */
    FAILOVER("failover-global-cluster --allow-data-loss");

    final String call;

    Change(String call) {
      this.call = call;
    }
  }

  private String change(
      String region, String globalClusterId, String targetClusterArn, Change change) {
    require(region, "region");
    require(globalClusterId, "globalClusterId");
    require(targetClusterArn, "targetClusterArn");
    String attempted =
        change.call + " " + globalClusterId + " to " + targetClusterArn + " in " + region;
    GlobalClusterState before = clusters.require(region, globalClusterId);
    requireMember(before, targetClusterArn);
    String done = alreadyDone(before, targetClusterArn);
    if (done != null) {
      log.info("{}: {} ({})", attempted, done, describe(before));
      return done;
    }
    try {
      RdsClient rds = clusters.client(region);
      GlobalCluster answered =
          change == Change.SWITCHOVER
              ? rds.switchoverGlobalCluster(
                      r ->
                          r.globalClusterIdentifier(globalClusterId)
                              .targetDbClusterIdentifier(targetClusterArn))
                  .globalCluster()
              : rds.failoverGlobalCluster(
                      r ->
                          r.globalClusterIdentifier(globalClusterId)
                              .targetDbClusterIdentifier(targetClusterArn)
                              .allowDataLoss(true))
                  .globalCluster();
      GlobalClusterState after = answered == null ? null : GlobalClusters.state(answered);
      String status = after == null ? null : after.status();
      log.info("{}: accepted ({})", attempted, after == null ? "no answer" : describe(after));
      return status == null ? "accepted" : status;
    } catch (InvalidGlobalClusterStateException | InvalidDbClusterStateException e) {
      return refused(region, globalClusterId, targetClusterArn, attempted, e);
    } catch (GlobalClusterNotFoundException e) {
      throw GlobalClusters.notFound(region, globalClusterId);
    } catch (DbClusterNotFoundException e) {
      throw notAMember(before, targetClusterArn, awsMessage(e));
    } catch (SdkException e) {
      throw AwsFailures.translate(e, attempted);
    }
  }

  /**
   * {@value #ALREADY_WRITER} or {@value #UNDER_WAY} when nothing needs asking; null otherwise. An
   * operation to the target still reported (even once the target writes) is under way: the wait
   * ends when no FailoverState remains.
   */
  static String alreadyDone(GlobalClusterState s, String targetClusterArn) {
    if (targetClusterArn.equals(s.failoverTo()) && !CANCELLING.equals(s.failoverStatus()))
      return UNDER_WAY;
    if (s.failoverStatus() == null && targetClusterArn.equals(s.writerArn())) return ALREADY_WRITER;
    return null;
  }

  /**
   * RDS refused: "the global cluster is not healthy" or a member's state does not allow it. Looked
   * at again first, as a retry after a lost answer may be refused because its own operation is
   * under way; anything else is a non-retryable refusal with RDS's words, nothing changed.
   */
  private String refused(
      String region,
      String globalClusterId,
      String targetClusterArn,
      String attempted,
      AwsServiceException e) {
    GlobalClusterState now = clusters.require(region, globalClusterId);
    String done = alreadyDone(now, targetClusterArn);
    if (done != null) {
      log.info("{}: refused ({}), but {} ({})", attempted, awsMessage(e), done, describe(now));
      return done;
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "RDS refused "
            + attempted
            + ": "
            + awsMessage(e)
            + " (the global cluster: "
            + describe(now)
            + "). Nothing was changed.",
        REFUSED);
  }

  private static void requireMember(GlobalClusterState s, String targetClusterArn) {
    boolean member =
        s.members().stream().map(GlobalMember::clusterArn).anyMatch(targetClusterArn::equals);
    if (!member) throw notAMember(s, targetClusterArn, null);
  }

  private static ApplicationFailure notAMember(
      GlobalClusterState s, String targetClusterArn, String rdsSaid) {
    return ApplicationFailure.newNonRetryableFailure(
        "REFUSING to make "
            + targetClusterArn
            + " the writer of Aurora global cluster '"
            + s.globalClusterId()
            + "': it is not one of its members ("
            + describe(s)
            + ")"
            + (rdsSaid == null ? "" : "; RDS: " + rdsSaid)
            + ". Nothing was changed.",
        MEMBER_NOT_FOUND);
  }

  @Override
  public GlobalClusterState pollWriter(
      String region, String globalClusterId, String targetClusterArn, Instant deadline) {
    require(region, "region");
    require(globalClusterId, "globalClusterId");
    require(targetClusterArn, "targetClusterArn");
    return poller.pollOnce(
        "Aurora global cluster '" + globalClusterId + "' (writer " + targetClusterArn + ")",
        () -> clusters.require(region, globalClusterId),
        s -> writerStatus(s, targetClusterArn),
        WRITER,
        Set.of(),
        BAD_STATE,
        deadline,
        poller.backoff());
  }

  /**
   * {@value #WRITER} once the target writes and no FailoverState remains; else what is seen. Throws
   * non-retryably for what waiting cannot mend: the target is not a member, or the operation is
   * being cancelled, or one to another cluster is under way.
   */
  static String writerStatus(GlobalClusterState s, String targetClusterArn) {
    requireMember(s, targetClusterArn);
    if (s.failoverStatus() != null
        && (CANCELLING.equals(s.failoverStatus()) || !targetClusterArn.equals(s.failoverTo())))
      throw ApplicationFailure.newNonRetryableFailure(
          "Aurora global cluster '"
              + s.globalClusterId()
              + "' will not make "
              + targetClusterArn
              + " the writer: "
              + describe(s),
          BAD_STATE);
    if (s.failoverStatus() == null && targetClusterArn.equals(s.writerArn())) return WRITER;
    return describe(s);
  }

  /** The secondary wait's status once the cluster replicates as a secondary. */
  static final String SECONDARY = "a replicating secondary";

  @Override
  public GlobalClusterState pollSecondary(
      String region, String globalClusterId, String clusterArn, Instant deadline) {
    require(region, "region");
    require(globalClusterId, "globalClusterId");
    require(clusterArn, "clusterArn");
    return poller.pollOnce(
        "Aurora global cluster '" + globalClusterId + "' (secondary " + clusterArn + ")",
        () -> clusters.require(region, globalClusterId),
        s -> secondaryStatus(s, clusterArn),
        SECONDARY,
        Set.of(),
        BAD_STATE,
        deadline,
        poller.backoff());
  }

  /**
   * {@value #SECONDARY} once the cluster is a member reader not pending-resync; else what is seen
   * ("pending-resync ..."). Throws non-retryably for what waiting cannot mend: not a member (Aurora
   * re-adds no cluster removed from the global cluster), or the writer.
   */
  static String secondaryStatus(GlobalClusterState s, String clusterArn) {
    GlobalMember member =
        s.member(clusterArn)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        clusterArn
                            + " is not a member of Aurora global cluster '"
                            + s.globalClusterId()
                            + "' ("
                            + describe(s)
                            + "): it was removed from it, and Aurora re-adds no removed cluster",
                        MEMBER_NOT_FOUND));
    if (member.writer())
      throw ApplicationFailure.newNonRetryableFailure(
          clusterArn + " is the writer of Aurora global cluster '" + s.globalClusterId() + "'",
          BAD_STATE);
    if (member.replicatingSecondary()) return SECONDARY;
    return member.synchronizationStatus() + " (" + describe(s) + ")";
  }

  /** For messages: status, writer, and the operation under way if any. */
  static String describe(GlobalClusterState s) {
    StringBuilder b =
        new StringBuilder("status ").append(s.status()).append(", writer ").append(s.writerArn());
    if (s.failoverStatus() != null)
      b.append(", ")
          .append(Boolean.TRUE.equals(s.dataLossAllowed()) ? "failover" : "switchover")
          .append(" ")
          .append(s.failoverStatus())
          .append(" to ")
          .append(s.failoverTo());
    b.append(", members ").append(s.members().stream().map(GlobalMember::clusterArn).toList());
    return b.toString();
  }

  private static String awsMessage(SdkException e) {
    return RdsRestoreActivitiesImpl.awsMessage(e);
  }
}
