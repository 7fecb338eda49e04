package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.model.Polls;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Payments as an Aurora global database, for workflow-logic tests only: the global cluster
 * payments-global with its writer in eu-west-1 and its secondary in eu-central-1. A switchover or
 * failover makes the secondary the writer after {@link #pollsUntilWriter} polls (never when
 * negative: the poll then ends as the real one does at its deadline).
 */
final class FakeAuroraGlobal implements AuroraGlobalActivities {
  static final String GLOBAL = "payments-global";
  static final String PRIMARY_ARN = "arn:aws:rds:eu-west-1:123456789012:cluster:payments-eu";
  static final String SECONDARY_ARN = "arn:aws:rds:eu-central-1:123456789012:cluster:payments-fra";
  static final String SECONDARY_ENDPOINT =
      "payments-fra.cluster-c9d8e7.eu-central-1.rds.amazonaws.com";

  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  volatile boolean primaryRegionAnswers = true;
  volatile ReplicaLag lag = new ReplicaLag(0.4, Instant.parse("2026-12-03T10:00:00Z"), 3);
  volatile int pollsUntilWriter = 1;
  volatile String writer = PRIMARY_ARN;

  /**
   * After a failover allowing data loss: the polls during which Aurora still lists the old primary
   * pending-resync (0: connected already; negative: never rebuilt within the wait).
   */
  volatile int pollsUntilResynced;

  /** The clock the deadline is read against (a time-skipping test gives its environment's). */
  volatile Supplier<Instant> now = Instant::now;

  /** The secondary is no member of the global cluster (never added, or removed). */
  volatile boolean secondaryRemoved;

  /** No global cluster of that name at all. */
  volatile boolean globalMissing;

  /** The old primary was removed from the global cluster (by hand). */
  volatile boolean oldPrimaryRemoved;

  private int polls;
  private int secondaryPolls;

  @Override
  public GlobalClusterState describeGlobalCluster(String region, String globalClusterId) {
    if (region.equals("eu-west-1") && !primaryRegionAnswers)
      throw ApplicationFailure.newFailure("Unable to execute HTTP request", "SdkClientException");
    if (globalMissing) return GlobalClusterState.notFound(globalClusterId);
    GlobalMember secondary =
        new GlobalMember(SECONDARY_ARN, "eu-central-1", writer.equals(SECONDARY_ARN), "connected");
    return new GlobalClusterState(
        GLOBAL,
        true,
        "available",
        Stream.of(
                oldPrimaryRemoved
                    ? null
                    : new GlobalMember(
                        PRIMARY_ARN,
                        "eu-west-1",
                        writer.equals(PRIMARY_ARN),
                        pollsUntilResynced == 0 ? "connected" : GlobalMember.PENDING_RESYNC),
                secondaryRemoved ? null : secondary)
            .filter(Objects::nonNull)
            .toList(),
        null,
        null,
        null);
  }

  @Override
  public ReplicaLag replicationLag(String region, String secondaryClusterId, Duration window) {
    calls.add("lag " + secondaryClusterId);
    return lag;
  }

  @Override
  public String switchover(String region, String globalClusterId, String targetClusterArn) {
    calls.add("switchover to " + targetClusterArn);
    return "switching-over";
  }

  @Override
  public String failoverAllowingDataLoss(
      String region, String globalClusterId, String targetClusterArn) {
    calls.add("failover to " + targetClusterArn);
    return "failing-over";
  }

  @Override
  public synchronized GlobalClusterState pollWriter(
      String region, String globalClusterId, String targetClusterArn, Instant deadline) {
    polls++;
    if (pollsUntilWriter < 0)
      throw ApplicationFailure.newNonRetryableFailure(
          "waited until " + deadline + " for " + targetClusterArn + " to be the writer",
          "WaitDeadlineExceeded");
    if (polls >= pollsUntilWriter) writer = targetClusterArn;
    return describeGlobalCluster("eu-central-1", globalClusterId);
  }

  /** As the real poll: not yet while pending-resync, at once when removed, at the deadline. */
  @Override
  public synchronized GlobalClusterState pollSecondary(
      String region, String globalClusterId, String clusterArn, Instant deadline) {
    calls.add("poll secondary " + clusterArn);
    if (oldPrimaryRemoved)
      throw ApplicationFailure.newNonRetryableFailure(
          clusterArn + " is not a member: it was removed from it", "GlobalClusterMemberNotFound");
    if (pollsUntilResynced < 0 && !now.get().isBefore(deadline))
      throw ApplicationFailure.newNonRetryableFailure(
          "waited until " + deadline + " for " + clusterArn + ": pending-resync",
          "WaitDeadlineExceeded");
    if (pollsUntilResynced != 0) {
      secondaryPolls++;
      if (pollsUntilResynced < 0 || secondaryPolls < pollsUntilResynced)
        throw ApplicationFailure.newFailure(
            clusterArn + " is pending-resync (poll " + secondaryPolls + ")", Polls.NOT_YET);
      pollsUntilResynced = 0;
    }
    return describeGlobalCluster(region, globalClusterId);
  }

  @Override
  public InstanceInfo writerEndpoint(String region, String clusterId) {
    return new InstanceInfo(
        clusterId,
        region,
        SECONDARY_ARN,
        "available",
        SECONDARY_ENDPOINT,
        5432,
        Map.of(),
        null,
        null);
  }
}
