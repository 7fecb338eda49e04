package dev.drrunbooks.standby;

import dev.drrunbooks.activities.pointer.DatabasePointerActivities;
import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.DatabasePointer;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Polls;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The Payments standby for workflow-logic tests only: the primary in eu-west-1, its cross-region
 * read replica in eu-central-1 (or, after {@link #reverse}, the other way round), the CNAME the
 * application reads, the data checks. Promotion takes {@link #pollsUntilPromoted} polls (never,
 * when negative: the poll then ends as the real one does at its deadline); every change is recorded
 * in {@link #calls}.
 */
public final class FakeStandbyWorld
    implements RdsStandbyActivities, DatabasePointerActivities, DataValidationActivities {
  static final String PRIMARY = "mycomputer-payments-db";
  static final String REPLICA = "mycomputer-payments-db-replica";
  static final String PRIMARY_ARN = "arn:aws:rds:eu-west-1:123456789012:db:" + PRIMARY;
  static final String REPLICA_ARN = "arn:aws:rds:eu-central-1:123456789012:db:" + REPLICA;
  static final String PRIMARY_ENDPOINT = PRIMARY + ".c1a2b3.eu-west-1.rds.amazonaws.com";
  static final String REPLICA_ENDPOINT = REPLICA + ".c9d8e7.eu-central-1.rds.amazonaws.com";

  /** When the DR instance of the failback layout was promoted by the failover. */
  static final String FAILED_OVER_AT = "2026-12-03T10:00:00Z";

  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /** The region of each pointer read and move (a parameter pointer has one per region). */
  final List<String> pointerRegions = Collections.synchronizedList(new ArrayList<>());

  volatile boolean primaryReachable = true;
  volatile String primaryStatus = "available";
  volatile ReplicaLag lag = new ReplicaLag(0.0, Instant.parse("2026-12-03T10:00:00Z"), 3);
  volatile String replicaSource = PRIMARY_ARN;
  volatile boolean replicaExists = true;
  volatile Map<String, String> replicaTags = Map.of();

  /** The primary's tags; null: as the layout has them (none, or promoted-from after a failback). */
  volatile Map<String, String> primaryTags;

  volatile int pollsUntilPromoted = 2;
  volatile String pointerValue = PRIMARY_ENDPOINT;
  volatile boolean checksPass = true;

  /** Set by {@link #reverse}: the roles swapped, as after a failover and its replicate-back. */
  private volatile boolean failbackLayout;

  private volatile boolean promoted;
  private int polls;

  @Override
  public ReplicaState describeReplica(String region, String instanceId) {
    if (instanceId.equals(source())) {
      if (!primaryReachable)
        throw ApplicationFailure.newFailure(
            "Unable to execute HTTP request: rds." + region + ".amazonaws.com",
            "SdkClientException");
      return new ReplicaState(
          instanceId,
          region,
          true,
          arnOf(instanceId),
          primaryStatus,
          null,
          null,
          null,
          null,
          primaryTags != null
              ? primaryTags
              : failbackLayout
                  ? Map.of(
                      ReplicaState.PROMOTED_FROM_TAG,
                      PRIMARY_ARN,
                      ReplicaState.PROMOTED_AT_TAG,
                      FAILED_OVER_AT)
                  : Map.of());
    }
    if (!replicaExists) return ReplicaState.notFound(region, instanceId);
    return new ReplicaState(
        instanceId,
        region,
        true,
        arnOf(instanceId),
        "available",
        promoted ? null : replicaSource,
        promoted || replicaSource == null ? null : "replicating",
        promoted || replicaSource == null ? null : true,
        null,
        replicaTags);
  }

  /**
   * Payments after a failover and its replicate-back, to fail back: the DR instance is the primary
   * (promoted from the catalog's primary), the primary-region instance its read replica, the
   * pointer at the DR instance.
   */
  void reverse() {
    failbackLayout = true;
    replicaSource = REPLICA_ARN;
    pointerValue = REPLICA_ENDPOINT;
  }

  /**
   * The instance the standby replicates from: the catalog's primary, or its replica failing back.
   */
  private String source() {
    return failbackLayout ? REPLICA : PRIMARY;
  }

  private static String arnOf(String instanceId) {
    return instanceId.equals(PRIMARY) ? PRIMARY_ARN : REPLICA_ARN;
  }

  @Override
  public InstanceInfo createReplica(ReplicaRequest request) {
    throw new UnsupportedOperationException("not part of a failover");
  }

  @Override
  public Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays) {
    calls.add(
        "promote " + instanceId + " from " + expectedSourceArn + " keep " + backupRetentionDays);
    replicaTags = Map.of(ReplicaState.PROMOTED_FROM_TAG, expectedSourceArn);
    return new Promotion(
        instanceId, region, Promotion.PROMOTING, expectedSourceArn, "modifying", Instant.now());
  }

  @Override
  public synchronized InstanceInfo pollPromoted(
      String region, String instanceId, Instant deadline) {
    polls++;
    if (pollsUntilPromoted < 0 && polls > 3)
      throw ApplicationFailure.newNonRetryableFailure(
          "waited until "
              + deadline
              + " for "
              + instanceId
              + " to accept writes; last seen: rebooting (still a read replica of "
              + arnOf(source())
              + ")",
          "WaitDeadlineExceeded");
    if (pollsUntilPromoted < 0 || polls < pollsUntilPromoted)
      throw ApplicationFailure.newFailureWithCauseAndDelay(
          "rebooting", Polls.NOT_YET, null, Duration.ofSeconds(30));
    promoted = true;
    return new InstanceInfo(
        instanceId,
        region,
        null,
        "available",
        instanceId.equals(PRIMARY) ? PRIMARY_ENDPOINT : REPLICA_ENDPOINT,
        5432,
        Map.of(),
        "db.r6g.large",
        100);
  }

  @Override
  public ReplicaState pollReplicaAvailable(String region, String instanceId, Instant deadline) {
    throw new UnsupportedOperationException("a failover creates no replica");
  }

  @Override
  public ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window) {
    calls.add("lag " + instanceId);
    return lag;
  }

  @Override
  public PointerValue read(DatabasePointer pointer, String region) {
    pointerRegions.add(region);
    return cname(pointer);
  }

  @Override
  public PointerMove move(DatabasePointer pointer, String region, String expected, String target) {
    pointerRegions.add(region);
    PointerValue before = cname(pointer);
    if (before.value().equals(target)) return new PointerMove(before, before, false, null);
    if (!before.value().equals(expected))
      throw ApplicationFailure.newNonRetryableFailure("moved elsewhere", "PointerNotAsExpected");
    calls.add("pointer " + expected + " -> " + target);
    pointerValue = target;
    return new PointerMove(before, cname(pointer), true, "C0FFEE");
  }

  private PointerValue cname(DatabasePointer pointer) {
    return new PointerValue(
        "cname", pointer.cname(), null, pointerValue, Map.of("TTL", "60"), null);
  }

  @Override
  public ValidationReport validate(
      DatabaseTarget target, DatabaseTarget source, List<ValidationQuery> queries) {
    calls.add("checks on " + target.instanceId() + " " + queries.size());
    List<QueryOutcome> outcomes = new ArrayList<>();
    for (ValidationQuery q : queries)
      outcomes.add(
          new QueryOutcome(
              q.name(),
              q.sql(),
              q.expect().describe(),
              checksPass ? 0L : 3L,
              null,
              checksPass,
              null));
    return ValidationReport.of(outcomes);
  }
}
