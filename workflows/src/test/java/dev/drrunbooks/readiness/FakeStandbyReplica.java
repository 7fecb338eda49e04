package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Payments' standby replica as readiness reads it: there and caught up unless told otherwise. */
final class FakeStandbyReplica implements RdsStandbyActivities {
  static final String PRIMARY_ARN = "arn:aws:rds:eu-west-1:123456789012:db:mycomputer-payments-db";

  volatile boolean exists = true;

  /** Promoted by a standby failover: standalone, tagged promoted-from the primary. */
  volatile boolean promoted;

  volatile ReplicaLag lag = new ReplicaLag(0.0, Instant.parse("2026-12-03T10:00:00Z"), 5);

  @Override
  public ReplicaState describeReplica(String region, String instanceId) {
    if (!exists) return ReplicaState.notFound(region, instanceId);
    if (promoted)
      return new ReplicaState(
          instanceId,
          region,
          true,
          null,
          "available",
          null,
          null,
          null,
          null,
          Map.of(ReplicaState.PROMOTED_FROM_TAG, PRIMARY_ARN));
    return new ReplicaState(
        instanceId,
        region,
        true,
        null,
        "available",
        PRIMARY_ARN,
        "replicating",
        true,
        null,
        Map.of());
  }

  @Override
  public ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window) {
    return lag;
  }

  @Override
  public InstanceInfo createReplica(ReplicaRequest request) {
    throw new UnsupportedOperationException("readiness changes nothing");
  }

  @Override
  public Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays) {
    throw new UnsupportedOperationException("readiness changes nothing");
  }

  @Override
  public InstanceInfo pollPromoted(String region, String instanceId, Instant deadline) {
    throw new UnsupportedOperationException("readiness changes nothing");
  }

  @Override
  public ReplicaState pollReplicaAvailable(String region, String instanceId, Instant deadline) {
    throw new UnsupportedOperationException("readiness changes nothing");
  }
}
