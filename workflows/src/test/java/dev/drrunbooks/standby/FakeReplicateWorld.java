package dev.drrunbooks.standby;

import dev.drrunbooks.activities.pointer.DatabasePointerActivities;
import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Placement;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsOldPrimaryActivities;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.catalog.DatabasePointer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Payments after its standby failover, for the replicate-back's workflow-logic tests only: the
 * promoted standby in eu-central-1 and, unless {@link #oldPrimaryThere} is false, the old primary
 * in eu-west-1; after {@link #failingBack}, the other way round. Every change is recorded in {@link
 * #calls}.
 */
public final class FakeReplicateWorld
    implements RdsStandbyActivities, RdsOldPrimaryActivities, DatabasePointerActivities {
  static final String PRIMARY = FakeStandbyWorld.PRIMARY;
  static final String REPLICA = FakeStandbyWorld.REPLICA;
  static final String PRIMARY_ARN = FakeStandbyWorld.PRIMARY_ARN;
  static final String REPLICA_ARN = "arn:aws:rds:eu-central-1:123456789012:db:" + REPLICA;
  static final Placement OLD_PLACEMENT =
      new Placement(
          "mycomputer-db",
          List.of("sg-0123456789abcdef0"),
          "arn:aws:kms:eu-west-1:123456789012:key/old-primary",
          "db.r6g.large",
          java.util.Map.of("service", "payments", "environment", "production"));

  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final List<ReplicaRequest> created = Collections.synchronizedList(new ArrayList<>());

  /** The region of each read of the database pointer. */
  final List<String> pointerReads = Collections.synchronizedList(new ArrayList<>());

  volatile boolean promoted = true;
  volatile boolean oldPrimaryThere = true;
  volatile String reverseSource; // set once the reverse replica exists
  volatile Placement placement = OLD_PLACEMENT;
  volatile String pointerValue = FakeStandbyWorld.REPLICA_ENDPOINT;

  /** Set by {@link #failingBack}: the roles swapped. */
  private volatile boolean failbackLayout;

  @Override
  public ReplicaState describeReplica(String region, String instanceId) {
    String promotedOne = failbackLayout ? PRIMARY : REPLICA;
    if (instanceId.equals(promotedOne))
      return new ReplicaState(
          promotedOne,
          region,
          true,
          arnOf(promotedOne),
          "available",
          promoted ? null : arnOf(other(promotedOne)),
          null,
          null,
          null,
          promoted ? Map.of(ReplicaState.PROMOTED_FROM_TAG, arnOf(other(promotedOne))) : Map.of());
    if (reverseSource != null)
      return new ReplicaState(
          instanceId,
          region,
          true,
          arnOf(instanceId),
          "available",
          reverseSource,
          null,
          null,
          null,
          Map.of());
    if (oldPrimaryThere)
      return new ReplicaState(
          instanceId,
          region,
          true,
          arnOf(instanceId),
          "available",
          null,
          null,
          null,
          null,
          // The DR instance failing back: promoted by the first failover, kept as the standby.
          failbackLayout
              ? Map.of(ReplicaState.PROMOTED_FROM_TAG, PRIMARY_ARN, "dr-runbooks:kept", "standby")
              : Map.of());
    return ReplicaState.notFound(region, instanceId);
  }

  /**
   * Payments after a failback failover: the primary-region instance promoted from the DR instance,
   * which is the old primary now; the pointer moved back to the primary region.
   */
  void failingBack() {
    failbackLayout = true;
    pointerValue = FakeStandbyWorld.PRIMARY_ENDPOINT;
  }

  private static String arnOf(String instanceId) {
    return instanceId.equals(PRIMARY) ? PRIMARY_ARN : REPLICA_ARN;
  }

  private static String other(String instanceId) {
    return instanceId.equals(PRIMARY) ? REPLICA : PRIMARY;
  }

  @Override
  public PointerValue read(DatabasePointer pointer, String region) {
    pointerReads.add(region);
    return new PointerValue("cname", pointer.cname(), null, pointerValue, Map.of(), null);
  }

  @Override
  public PointerMove move(DatabasePointer pointer, String region, String expected, String target) {
    throw new UnsupportedOperationException("a replicate-back moves no pointer");
  }

  @Override
  public InstanceInfo createReplica(ReplicaRequest request) {
    calls.add("create " + request.instanceId() + " in " + request.region());
    created.add(request);
    reverseSource = arnOf(request.sourceInstanceId());
    return new InstanceInfo(
        request.instanceId(),
        request.region(),
        PRIMARY_ARN,
        "creating",
        null,
        null,
        Map.of(),
        null,
        null);
  }

  @Override
  public ReplicaState pollReplicaAvailable(String region, String instanceId, Instant deadline) {
    return describeReplica(region, instanceId);
  }

  @Override
  public ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window) {
    return new ReplicaLag(1.0, Instant.parse("2026-12-03T12:00:00Z"), 2);
  }

  @Override
  public Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays) {
    throw new UnsupportedOperationException("a replicate-back promotes nothing");
  }

  @Override
  public InstanceInfo pollPromoted(String region, String instanceId, Instant deadline) {
    throw new UnsupportedOperationException("a replicate-back promotes nothing");
  }

  @Override
  public Placement placementOf(String region, String instanceId) {
    return oldPrimaryThere ? placement : null;
  }

  @Override
  public String deleteReplacedPrimary(
      String region, String instanceId, String expectedArn, String replacedByArn, String snapshot) {
    calls.add(
        "delete "
            + instanceId
            + " ("
            + expectedArn
            + ") for "
            + replacedByArn
            + " keep "
            + snapshot);
    oldPrimaryThere = false;
    return "deleting (final snapshot " + snapshot + "; automated backups retained)";
  }

  @Override
  public String pollDeleted(String region, String instanceId, Instant deadline) {
    return oldPrimaryThere ? "not yet" : "gone";
  }
}
