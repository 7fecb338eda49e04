package dev.drrunbooks.restore;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.activities.rds.SnapshotCopyRequest;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory RDS, catalog and database checker for workflow-logic tests only. It keeps instances
 * and snapshots with their tags, enforces ownership on delete like the real activities, and can be
 * told to fail or block at given steps.
 */
public final class FakeRds
    implements RdsRestoreActivities, RdsSnapshotActivities, DataValidationActivities {
  public final Map<String, InstanceInfo> instances = new ConcurrentHashMap<>();
  public final Map<String, SnapshotInfo> snapshots = new ConcurrentHashMap<>();
  public final List<String> created = Collections.synchronizedList(new ArrayList<>());
  public final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger restoreCalls = new AtomicInteger();

  /**
   * Each awaitSnapshotAvailable: "region/id from status"; a creating or copying snapshot is then
   * available.
   */
  public final List<String> snapshotWaits = Collections.synchronizedList(new ArrayList<>());

  public final Instant now = Instant.now();
  public RestorableWindow window =
      new RestorableWindow(now.minus(Duration.ofDays(7)), now.minus(Duration.ofMinutes(5)));

  /**
   * Simulates a worker dying after RDS accepted the restore: the first call creates, then fails.
   */
  public volatile boolean crashAfterFirstRestore;

  /**
   * Makes awaitInstanceAvailable heartbeat until cancelled; {@link #waiting} opens when it starts.
   */
  public volatile boolean blockInAwait;

  public final CountDownLatch waiting = new CountDownLatch(1);

  /** Real milliseconds each awaitInstanceAvailable takes before it answers (fleet tests). */
  public volatile long awaitMillis;

  /** awaitInstanceAvailable calls in progress now, and the most there ever were at once. */
  public final AtomicInteger awaiting = new AtomicInteger();

  public final AtomicInteger mostAwaiting = new AtomicInteger();

  /** Waits made through pollRestoredInstanceAvailable (the deferred first poll). */
  public final AtomicInteger deferredPolls = new AtomicInteger();

  /** When every restore here says RDS answered it. */
  public static final Instant RESTORE_ANSWERED_AT = Instant.parse("2026-01-05T10:00:00Z");

  /** The restoreAnsweredAt each deferred wait was given. */
  public final List<Instant> waitsCountedFrom = Collections.synchronizedList(new ArrayList<>());

  public volatile boolean failValidation;

  /** The shape each restore asked for, in call order. */
  public final List<InstanceShape> restoreShapes = Collections.synchronizedList(new ArrayList<>());

  /** Each verifyPlacement: "region/instance from source". */
  public final List<String> placementChecks = Collections.synchronizedList(new ArrayList<>());

  /**
   * Automated backups by "region/instance": a deleted instance's retained ones, or replicated to
   * region.
   */
  public final Map<String, RestoreSource> backups = new ConcurrentHashMap<>();

  /** Each point-in-time restore request, in call order. */
  public final List<PointInTimeRestoreRequest> pitrRequests =
      Collections.synchronizedList(new ArrayList<>());

  /**
   * When set, verifyPlacement fails as RdsRestoreActivitiesImpl does, with this as the difference.
   */
  public volatile String misplaced;

  /** Each protectRestoredCopy: "region/instance kept|validation from source". */
  public final List<String> protections = Collections.synchronizedList(new ArrayList<>());

  /** Instances with deletion protection on: deleteOwnedInstance fails on them as RDS does. */
  public final java.util.Set<String> deletionProtected = ConcurrentHashMap.newKeySet();

  /** When set, protectRestoredCopy fails with this message (its settings could not be verified). */
  public volatile String protectionFails;

  private final Catalog catalog = CatalogFixture.load();

  public FakeRds() {
    production("eu-west-1", "mycomputer-inventory-db");
    snapshot("eu-west-1", "inventory-snapshot-old", now.minus(Duration.ofDays(3)), "manual");
    snapshot(
        "eu-west-1",
        "rds:mycomputer-inventory-db-auto",
        now.minus(Duration.ofHours(20)),
        "automated");
    snapshot("eu-west-1", "inventory-snapshot-newest", now.minus(Duration.ofHours(2)), "manual");
  }

  private void production(String region, String id) {
    instances.put(
        region + "/" + id,
        new InstanceInfo(
            id,
            region,
            "arn:aws:rds:" + region + ":123456789012:db:" + id,
            "available",
            id + ".example.eu-west-1.rds.amazonaws.com",
            5432,
            Map.of("environment", "production")));
  }

  public void snapshot(String region, String id, Instant createdAt, String type) {
    snapshot(region, id, createdAt, type, "available", "mycomputer-inventory-db");
  }

  /** A snapshot in any status ("creating", "failed"...) of any instance. */
  public void snapshot(
      String region, String id, Instant createdAt, String type, String status, String instanceId) {
    snapshots.put(
        region + "/" + id,
        new SnapshotInfo(
            id,
            "arn:aws:rds:" + region + ":123456789012:snapshot:" + id,
            region,
            instanceId,
            type,
            status,
            createdAt,
            false,
            null));
  }

  public List<InstanceInfo> ownedBy(String workflowId) {
    return instances.values().stream()
        .filter(i -> workflowId.equals(i.tags().get(Ownership.WORKFLOW_TAG)))
        .toList();
  }

  @Override
  public RestorableWindow restorableWindow(String region, String instanceId) {
    describeInstance(region, instanceId);
    return window;
  }

  /**
   * As RdsRestoreActivitiesImpl: the live instance in its own region, else the backups kept or
   * replicated.
   */
  @Override
  public RestoreSource findRestoreSource(RestoreSourceQuery q) {
    if (!q.crossRegion() && instances.containsKey(q.region() + "/" + q.instanceId())) {
      return new RestoreSource(
          q.region(),
          q.instanceId(),
          RestoreSource.INSTANCE,
          "db-LIVE",
          null,
          q.region(),
          window,
          "instance " + q.instanceId());
    }
    RestoreSource b = backups.get(q.region() + "/" + q.instanceId());
    if (b != null) return b;
    throw ApplicationFailure.newNonRetryableFailure(
        "nothing restorable to a point in time for RDS instance '"
            + q.instanceId()
            + "' in "
            + q.region(),
        "RdsNoRestoreSource");
  }

  /**
   * A deleted instance's retained automated backups (status retained), restorable over {@code w}.
   */
  public RestoreSource retainedBackup(
      String region, String instanceId, String resourceId, RestorableWindow w) {
    instances.remove(region + "/" + instanceId);
    RestoreSource b =
        new RestoreSource(
            region,
            instanceId,
            RestoreSource.RETAINED_BACKUP,
            resourceId,
            "arn:aws:rds:" + region + ":123456789012:auto-backup:ab-" + resourceId,
            region,
            w,
            "retained automated backup of deleted instance "
                + instanceId
                + " (resource id "
                + resourceId
                + ")");
    backups.put(region + "/" + instanceId, b);
    return b;
  }

  /**
   * Automated backups of {@code instanceId} replicated from {@code from} to {@code to}, restorable
   * over {@code w}.
   */
  public RestoreSource replicatedBackup(
      String from, String to, String instanceId, RestorableWindow w) {
    String arn = "arn:aws:rds:" + to + ":123456789012:auto-backup:ab-replica";
    RestoreSource b =
        new RestoreSource(
            to,
            instanceId,
            RestoreSource.REPLICATED_BACKUP,
            "db-SOURCE",
            arn,
            from,
            w,
            "automated backups of "
                + instanceId
                + " replicated from "
                + from
                + " to "
                + to
                + " ("
                + arn
                + ")");
    backups.put(to + "/" + instanceId, b);
    return b;
  }

  @Override
  public InstanceInfo describeInstance(String region, String instanceId) {
    InstanceInfo i = instances.get(region + "/" + instanceId);
    if (i == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '" + instanceId + "' not found in " + region, "RdsInstanceNotFound");
    }
    return i;
  }

  @Override
  public InstanceInfo restoreToPointInTime(PointInTimeRestoreRequest r) {
    pitrRequests.add(r);
    if (r.source() == null || r.source().isInstance())
      describeInstance(r.region(), r.sourceInstanceId());
    restoreShapes.add(r.shape());
    return restore(r.region(), r.targetInstanceId(), r.owner());
  }

  @Override
  public InstanceInfo restoreFromSnapshot(SnapshotRestoreRequest r) {
    SnapshotInfo s = describeSnapshot(r.region(), r.snapshot().snapshotId());
    if (!"available".equals(s.status())) { // as RDS: InvalidDBSnapshotState
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS snapshot '" + s.snapshotId() + "' is '" + s.status() + "'",
          "RdsInvalidSnapshotState");
    }
    restoreShapes.add(r.shape());
    return restore(r.region(), r.targetInstanceId(), r.owner());
  }

  @Override
  public String verifyPlacement(PlacementCheck c) {
    describeInstance(c.region(), c.instanceId());
    placementChecks.add(c.region() + "/" + c.instanceId() + " from " + c.sourceInstanceId());
    if (misplaced != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + c.instanceId()
              + "' in "
              + c.region()
              + " is not where the restore intended: "
              + misplaced,
          "RestorePlacementMismatch");
    }
    return "as intended";
  }

  /**
   * As RdsRestoreActivitiesImpl against a source with deletion protection on: a kept copy gets it,
   * a validation copy does not and says so.
   */
  @Override
  public CopySettings protectRestoredCopy(CopyProtectionRequest r) {
    InstanceInfo i = describeInstance(r.region(), r.instanceId());
    if (!r.owner().owns(i.tags())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refusing to change " + r.instanceId(), "NotOwned");
    }
    protections.add(
        r.region()
            + "/"
            + r.instanceId()
            + (r.keep() ? " kept" : " validation")
            + " from "
            + r.sourceInstanceId());
    if (protectionFails != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          protectionFails, "RestoredCopySettingsNotApplied");
    }
    // As ModifyDBInstance DeletionProtection: a kept copy on, a validation copy off.
    if (r.keep()) deletionProtected.add(r.region() + "/" + r.instanceId());
    else deletionProtected.remove(r.region() + "/" + r.instanceId());
    return new CopySettings(
        r.instanceId(),
        r.keep(),
        r.keep(),
        r.keep()
            ? List.of()
            : List.of(
                new SettingDifference(
                    "deletion protection", "on", "off", "validation copy, deleted at the end")));
  }

  private InstanceInfo restore(String region, String id, Ownership owner) {
    int call = restoreCalls.incrementAndGet();
    InstanceInfo existing = instances.get(region + "/" + id);
    if (existing != null) {
      if (!owner.owns(existing.tags())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "instance " + id + " exists and is not ours", "NotOwned");
      }
      return existing;
    }
    Map<String, String> tags = new HashMap<>(owner.tags());
    InstanceInfo created =
        new InstanceInfo(
                id,
                region,
                "arn:aws:rds:" + region + ":123456789012:db:" + id,
                "creating",
                id + ".example." + region + ".rds.amazonaws.com",
                5432,
                tags)
            .answeredAt(RESTORE_ANSWERED_AT);
    instances.put(region + "/" + id, created);
    this.created.add(region + "/" + id);
    if (crashAfterFirstRestore && call == 1) {
      throw new IllegalStateException("worker lost its connection after RDS accepted the restore");
    }
    return created;
  }

  @Override
  public InstanceInfo pollInstanceAvailable(String region, String instanceId, Instant deadline) {
    return awaitInstanceAvailable(region, instanceId, deadline);
  }

  @Override
  public InstanceInfo pollRestoredInstanceAvailable(
      String region,
      String instanceId,
      String instanceClass,
      Instant deadline,
      Instant restoreAnsweredAt) {
    deferredPolls.incrementAndGet();
    waitsCountedFrom.add(restoreAnsweredAt);
    return awaitInstanceAvailable(region, instanceId, deadline);
  }

  @Override
  public InstanceInfo awaitInstanceAvailable(String region, String instanceId, Instant deadline) {
    mostAwaiting.accumulateAndGet(awaiting.incrementAndGet(), Math::max);
    try {
      return awaitAvailable(region, instanceId);
    } finally {
      awaiting.decrementAndGet();
    }
  }

  private InstanceInfo awaitAvailable(String region, String instanceId) {
    if (awaitMillis > 0) sleep(awaitMillis);
    if (blockInAwait) {
      waiting.countDown();
      for (int i = 0; i < 600; i++) {
        Activity.getExecutionContext().heartbeat(i);
        sleep(100);
      }
      throw new IllegalStateException("the test never cancelled the run");
    }
    InstanceInfo i = describeInstance(region, instanceId);
    InstanceInfo available =
        new InstanceInfo(
            i.instanceId(), region, i.arn(), "available", i.endpointAddress(), i.port(), i.tags());
    instances.put(region + "/" + instanceId, available);
    return available;
  }

  @Override
  public String deleteOwnedInstance(String region, String instanceId, Ownership owner) {
    InstanceInfo i = instances.get(region + "/" + instanceId);
    if (i == null) return "already gone";
    if (!owner.owns(i.tags())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refusing to delete "
              + instanceId
              + ": tags "
              + i.tags()
              + " lack "
              + owner.requiredTags(),
          "NotOwned");
    }
    if (deletionProtected.contains(
        region + "/" + instanceId)) { // as RDS: InvalidParameterCombination
      throw ApplicationFailure.newNonRetryableFailure(
          "Cannot delete protected DB Instance " + instanceId, "InvalidParameterCombination");
    }
    instances.remove(region + "/" + instanceId);
    deleted.add(region + "/" + instanceId);
    return "deleting";
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String region, String instanceId) {
    return snapshots.values().stream()
        .filter(s -> s.region().equals(region) && instanceId.equals(s.instanceId()))
        .toList();
  }

  @Override
  public SnapshotInfo describeSnapshot(String region, String snapshotId) {
    SnapshotInfo s = snapshots.get(region + "/" + snapshotId);
    if (s == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "DB snapshot '" + snapshotId + "' not found in " + region, "SnapshotNotFound");
    }
    return s;
  }

  @Override
  public SnapshotInfo createManualSnapshot(
      String region, String instanceId, String snapshotId, Ownership owner) {
    throw new UnsupportedOperationException("not used by these workflows");
  }

  @Override
  public SnapshotInfo copySnapshot(SnapshotCopyRequest r) {
    SnapshotInfo copy =
        new SnapshotInfo(
            r.targetSnapshotId(),
            "arn:aws:rds:" + r.targetRegion() + ":123456789012:snapshot:" + r.targetSnapshotId(),
            r.targetRegion(),
            r.source().instanceId(),
            "manual",
            "available",
            r.source().createdAt(),
            false,
            r.kmsKeyId());
    snapshots.putIfAbsent(r.targetRegion() + "/" + r.targetSnapshotId(), copy);
    created.add("snapshot " + r.targetRegion() + "/" + r.targetSnapshotId());
    return copy;
  }

  @Override
  public SnapshotInfo pollSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    return awaitSnapshotAvailable(region, snapshotId, deadline);
  }

  @Override
  public SnapshotInfo awaitSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    SnapshotInfo s = describeSnapshot(region, snapshotId);
    snapshotWaits.add(region + "/" + snapshotId + " from " + s.status());
    if (s.status().equals("creating") || s.status().equals("copying")) {
      s =
          new SnapshotInfo(
              s.snapshotId(),
              s.arn(),
              s.region(),
              s.instanceId(),
              s.type(),
              "available",
              s.createdAt(),
              s.encrypted(),
              s.kmsKeyId());
      snapshots.put(region + "/" + snapshotId, s);
    }
    return s;
  }

  @Override
  public String deleteOwnedSnapshot(String region, String snapshotId, Ownership owner) {
    return snapshots.remove(region + "/" + snapshotId) == null ? "already gone" : "deleted";
  }

  @Override
  public ValidationReport validate(
      DatabaseTarget target, DatabaseTarget source, List<ValidationQuery> queries) {
    describeInstance(target.region(), target.instanceId());
    List<QueryOutcome> outcomes = new ArrayList<>();
    for (ValidationQuery q : queries) {
      boolean pass = !failValidation || !q.name().equals("items-present");
      outcomes.add(
          new QueryOutcome(
              q.name(),
              q.sql(),
              q.expect().describe(),
              pass ? 200L : 0L,
              source == null ? null : 200L,
              pass,
              null));
    }
    return ValidationReport.of(outcomes);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
