package dev.drrunbooks.standby;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Polls;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RDS as a standby instantiate sees it, for its workflow tests only: instances by region and name,
 * a created replica "creating" for {@link #pollsUntilAvailable} polls, then available and
 * replicating. Every create, and every call that would change something, is recorded in {@link
 * #calls}; promotion is never expected.
 */
final class StandbyInstantiateFakeRds implements RdsStandbyActivities {
  static final String PRIMARY = "mycomputer-payments-db";
  static final String REPLICA = "mycomputer-payments-db-replica";
  static final String DR = "eu-central-1";
  static final String PRIMARY_ARN = "arn:aws:rds:eu-west-1:123456789012:db:" + PRIMARY;
  static final String REPLICA_ARN = "arn:aws:rds:eu-central-1:123456789012:db:" + REPLICA;

  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final List<ReplicaRequest> creates = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ReplicaState> instances = new ConcurrentHashMap<>();
  volatile int pollsUntilAvailable = 2;
  private int polls;

  /** A replica of {@code source} (null: no replica) in the DR region, replicating. */
  void replica(String source, Map<String, String> tags) {
    instances.put(
        DR + "/" + REPLICA,
        new ReplicaState(
            REPLICA,
            DR,
            true,
            REPLICA_ARN,
            "available",
            source,
            source == null ? null : "replicating",
            source == null ? null : true,
            null,
            tags));
  }

  ReplicaState stateOf(String region, String id) {
    return instances.get(region + "/" + id);
  }

  @Override
  public ReplicaState describeReplica(String region, String instanceId) {
    ReplicaState s = instances.get(region + "/" + instanceId);
    return s != null ? s : ReplicaState.notFound(region, instanceId);
  }

  @Override
  public synchronized InstanceInfo createReplica(ReplicaRequest r) {
    calls.add("create " + r.instanceId() + " in " + r.region());
    creates.add(r);
    Map<String, String> tags = new LinkedHashMap<>(r.owner().tags());
    tags.put(ReplicaState.REPLICA_OF_TAG, PRIMARY_ARN);
    tags.put(Ownership.KEPT_TAG, Ownership.KEPT_STANDBY);
    instances.put(
        r.region() + "/" + r.instanceId(),
        new ReplicaState(
            r.instanceId(),
            r.region(),
            true,
            REPLICA_ARN,
            "creating",
            PRIMARY_ARN,
            null,
            null,
            null,
            tags));
    polls = 0;
    return new InstanceInfo(r.instanceId(), r.region(), REPLICA_ARN, "creating", null, null, tags);
  }

  @Override
  public synchronized ReplicaState pollReplicaAvailable(
      String region, String instanceId, Instant deadline) {
    if (polls++ < pollsUntilAvailable)
      throw ApplicationFailure.newBuilder()
          .setType(Polls.NOT_YET)
          .setMessage(instanceId + " is 'creating'")
          .setNextRetryDelay(Duration.ofMinutes(5))
          .build();
    ReplicaState now = instances.get(region + "/" + instanceId);
    ReplicaState ready =
        new ReplicaState(
            now.instanceId(),
            region,
            true,
            now.arn(),
            "available",
            now.sourceIdentifier(),
            "replicating",
            true,
            null,
            now.tags());
    instances.put(region + "/" + instanceId, ready);
    return ready;
  }

  @Override
  public Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays) {
    calls.add("promote " + instanceId);
    throw new UnsupportedOperationException("an instantiate never promotes");
  }

  @Override
  public InstanceInfo pollPromoted(String region, String instanceId, Instant deadline) {
    throw new UnsupportedOperationException("an instantiate never promotes");
  }

  @Override
  public ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window) {
    return new ReplicaLag(0.4, Instant.parse("2026-12-03T10:00:00Z"), 1);
  }
}
