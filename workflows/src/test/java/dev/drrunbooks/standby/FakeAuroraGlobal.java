package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.ReplicaLag;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
  private volatile String writer = PRIMARY_ARN;
  private int polls;

  @Override
  public GlobalClusterState describeGlobalCluster(String region, String globalClusterId) {
    if (region.equals("eu-west-1") && !primaryRegionAnswers)
      throw ApplicationFailure.newFailure("Unable to execute HTTP request", "SdkClientException");
    return new GlobalClusterState(
        GLOBAL,
        true,
        "available",
        List.of(
            new GlobalMember(PRIMARY_ARN, "eu-west-1", writer.equals(PRIMARY_ARN)),
            new GlobalMember(SECONDARY_ARN, "eu-central-1", writer.equals(SECONDARY_ARN))),
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
