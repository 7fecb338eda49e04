package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.GlobalClusterState.GlobalMember;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.ReplicaLag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Payments as an Aurora global database, as readiness reads it: payments-global, the writer
 * payments-eu, the secondary payments-fra connected and caught up unless told otherwise. Readiness
 * changes nothing: every change fails the test.
 */
final class FakeAuroraSecondary implements AuroraGlobalActivities {
  static final String PRIMARY_ARN = "arn:aws:rds:eu-west-1:123456789012:cluster:payments-eu";
  static final String SECONDARY_ARN = "arn:aws:rds:eu-central-1:123456789012:cluster:payments-fra";

  volatile boolean secondaryWrites;
  volatile boolean secondaryRemoved;
  volatile String secondarySync = "connected";
  volatile ReplicaLag lag = new ReplicaLag(0.0, Instant.parse("2026-12-03T10:00:00Z"), 3);
  final List<String> lagReads = new ArrayList<>();

  @Override
  public GlobalClusterState describeGlobalCluster(String region, String globalClusterId) {
    List<GlobalMember> members = new ArrayList<>();
    members.add(new GlobalMember(PRIMARY_ARN, "eu-west-1", !secondaryWrites, "connected"));
    if (!secondaryRemoved)
      members.add(new GlobalMember(SECONDARY_ARN, "eu-central-1", secondaryWrites, secondarySync));
    return new GlobalClusterState(globalClusterId, true, "available", members, null, null, null);
  }

  @Override
  public synchronized ReplicaLag replicationLag(
      String region, String secondaryClusterId, Duration window) {
    lagReads.add(region + " " + secondaryClusterId);
    return lag;
  }

  @Override
  public String switchover(String region, String globalClusterId, String targetClusterArn) {
    throw new UnsupportedOperationException("readiness changes nothing");
  }

  @Override
  public String failoverAllowingDataLoss(
      String region, String globalClusterId, String targetClusterArn) {
    throw new UnsupportedOperationException("readiness changes nothing");
  }

  @Override
  public GlobalClusterState pollWriter(
      String region, String globalClusterId, String targetClusterArn, Instant deadline) {
    throw new UnsupportedOperationException("readiness waits for nothing");
  }

  @Override
  public GlobalClusterState pollSecondary(
      String region, String globalClusterId, String clusterArn, Instant deadline) {
    throw new UnsupportedOperationException("readiness waits for nothing");
  }

  @Override
  public InstanceInfo writerEndpoint(String region, String clusterId) {
    throw new UnsupportedOperationException("readiness reads no endpoint");
  }
}
