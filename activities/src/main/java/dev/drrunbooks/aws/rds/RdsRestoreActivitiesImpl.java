package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.RdsSupport.require;
import static dev.drrunbooks.aws.rds.RdsSupport.snapshotNotFound;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.activities.rds.RestorePollCadence;
import dev.drrunbooks.activities.rds.RestoreSource;
import dev.drrunbooks.activities.rds.RestoreSourceQuery;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.PollPacing;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InstanceQuotaExceededException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.InvalidRestoreException;
import software.amazon.awssdk.services.rds.model.PointInTimeRestoreNotEnabledException;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.StorageQuotaExceededException;

/**
 * Restores RDS instances (restore-db-instance-to-point-in-time,
 * restore-db-instance-from-db-snapshot), waits for them, and deletes them only when their tags name
 * the run.
 *
 * <p>Idempotent by name: a create first looks for the target; one that exists and carries the run's
 * tags is returned as is (a retried attempt finds its own work), one that exists with anyone else's
 * tags is refused non-retryably, naming it and its tags. Every restore sends its tags explicitly:
 * the owner's, {@value RdsTags#RESTORED_FROM} and {@value RdsTags#RESTORE_POINT} (moto, unlike AWS,
 * would otherwise copy the source's tags onto the restored instance).
 */
public class RdsRestoreActivitiesImpl implements RdsRestoreActivities {
  private static final Logger log = LoggerFactory.getLogger(RdsRestoreActivitiesImpl.class);

  /** Instance states that never turn into "available" by waiting. */
  static final Set<String> FAILED_STATES =
      Set.of(
          "failed",
          "incompatible-restore",
          "incompatible-parameters",
          "incompatible-network",
          "incompatible-option-group",
          "incompatible-credentials",
          "inaccessible-encryption-credentials",
          "restore-error",
          "storage-full",
          "deleting",
          "deleted");

  private final RdsSupport rds;
  private final RestoreSources sources;
  private final StatusPoller poller;
  private final ExpectedRestoreDurations expected;

  /** Waits for restores with the adaptive cadence, expecting the instance class's default. */
  public RdsRestoreActivitiesImpl(AwsClients aws) {
    this(aws, ExpectedRestoreDurations.CLASS_DEFAULTS);
  }

  /**
   * Waits for restores with the adaptive cadence ({@link RestorePollCadence}) for what {@code
   * expected} says the instance's class takes.
   */
  public RdsRestoreActivitiesImpl(AwsClients aws, ExpectedRestoreDurations expected) {
    this(aws::rds, Polling.DEFAULT, expected);
  }

  /** Waits for restores with {@code polling} (tests: fast fixed backoff). */
  public RdsRestoreActivitiesImpl(AwsClients aws, Polling polling) {
    this(aws::rds, polling);
  }

  /**
   * @param rds the RDS client of a region (tests pass a stub)
   */
  public RdsRestoreActivitiesImpl(Function<String, RdsClient> rds, Polling polling) {
    this(rds, polling, null);
  }

  /**
   * @param rds the RDS client of a region (tests pass a stub)
   * @param polling the backoff of the waits without an adaptive cadence (all of them when {@code
   *     expected} is null)
   * @param expected what restores are expected to take; null: restore waits use {@code polling}
   */
  public RdsRestoreActivitiesImpl(
      Function<String, RdsClient> rds, Polling polling, ExpectedRestoreDurations expected) {
    this.rds = new RdsSupport(rds);
    this.sources = new RestoreSources(this.rds);
    this.poller = new StatusPoller(polling, Clock.systemUTC());
    this.expected = expected;
  }

  @Override
  public RestorableWindow restorableWindow(String region, String instanceId) {
    return restorableWindow(region, instanceId, true);
  }

  /**
   * The restorable window. Latest: the instance's LatestRestorableTime. Earliest: the
   * RestoreWindow.EarliestTime of its active automated backup (DescribeDBInstanceAutomatedBackups);
   * when that is absent (moto does not model it) it is estimated as latest minus the backup
   * retention period, and, when {@code boundByCreateTime}, never before the instance's
   * InstanceCreateTime (there are no backups from before the instance existed). The sandbox passes
   * false: its emulated data predates the emulator's instance.
   */
  public RestorableWindow restorableWindow(
      String region, String instanceId, boolean boundByCreateTime) {
    require(region, "region");
    require(instanceId, "instanceId");
    DBInstance db = rds.instance(region, instanceId);
    int retention = db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod();
    Instant latest = db.latestRestorableTime();
    if (latest == null || retention == 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + instanceId
              + "' in "
              + region
              + " has no restorable window: automated backups are off (backup retention "
              + retention
              + " days"
              + (latest == null ? ", no latest restorable time" : "")
              + ")",
          "RdsNoRestorableWindow");
    }
    Instant earliest =
        earliestFromAutomatedBackup(region, db)
            .orElseGet(
                () -> {
                  Instant estimate = latest.minus(Duration.ofDays(retention));
                  Instant created = db.instanceCreateTime();
                  return boundByCreateTime && created != null && estimate.isBefore(created)
                      ? created
                      : estimate;
                });
    if (earliest.isAfter(latest)) earliest = latest;
    return new RestorableWindow(earliest, latest);
  }

  @Override
  public RestoreSource findRestoreSource(RestoreSourceQuery query) {
    return findRestoreSource(query, true);
  }

  /**
   * As {@link #findRestoreSource(RestoreSourceQuery)}; a live instance's window as {@link
   * #restorableWindow(String, String, boolean)}.
   */
  public RestoreSource findRestoreSource(RestoreSourceQuery query, boolean boundByCreateTime) {
    require(query, "query");
    require(query.region(), "region");
    require(query.instanceId(), "instanceId");
    requireKnownRegion("region", query.region());
    return sources.find(
        query,
        db -> restorableWindow(query.region(), db.dbInstanceIdentifier(), boundByCreateTime));
  }

  /**
   * A region the AWS SDK does not know is refused at once: calls there would be retried until the
   * activity times out (no such endpoint; the emulator answers 500). A region newer than this
   * worker's SDK needs a newer SDK.
   */
  static void requireKnownRegion(String field, String region) {
    if (Region.of(region).metadata() != null) return;
    throw RdsSupport.invalidInput(
        field
            + ": '"
            + region
            + "' is not valid; it is not an AWS region this worker's AWS SDK"
            + " knows (such as eu-west-1, eu-central-1, us-east-1)");
  }

  private Optional<Instant> earliestFromAutomatedBackup(String region, DBInstance db) {
    List<DBInstanceAutomatedBackup> backups;
    try {
      backups =
          rds.client(region)
              .describeDBInstanceAutomatedBackups(
                  r -> r.dbInstanceIdentifier(db.dbInstanceIdentifier()))
              .dbInstanceAutomatedBackups();
    } catch (DbInstanceAutomatedBackupNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e,
          "describe-db-instance-automated-backups " + db.dbInstanceIdentifier() + " in " + region);
    }
    // Retained backups of an earlier instance of the same name are not this instance's window.
    return backups.stream()
        .filter(
            b ->
                db.dbiResourceId() == null
                    || b.dbiResourceId() == null
                    || db.dbiResourceId().equals(b.dbiResourceId()))
        .filter(b -> b.status() == null || "active".equals(b.status()))
        .map(b -> b.restoreWindow() == null ? null : b.restoreWindow().earliestTime())
        .filter(t -> t != null)
        .min(Instant::compareTo);
  }

  @Override
  public InstanceInfo describeInstance(String region, String instanceId) {
    require(region, "region");
    require(instanceId, "instanceId");
    DBInstance db = rds.instance(region, instanceId);
    return toInfo(region, db, rds.tags(region, db));
  }

  @Override
  public InstanceInfo restoreToPointInTime(PointInTimeRestoreRequest req) {
    require(req, "request");
    require(req.region(), "region");
    require(req.sourceInstanceId(), "sourceInstanceId");
    require(req.targetInstanceId(), "targetInstanceId");
    require(req.restoreTime(), "restoreTime");
    require(req.owner(), "owner");
    String region = req.region();
    String target = req.targetInstanceId();
    String point = RdsTags.instant(req.restoreTime());
    Map<String, String> tags =
        RdsTags.owned(
            req.owner(),
            RdsTags.RESTORED_FROM,
            req.sourceInstanceId(),
            RdsTags.RESTORE_POINT,
            point);

    Optional<DBInstance> existing = rds.findInstance(region, target);
    if (existing.isPresent())
      return adopt(region, existing.get(), req.owner(), req.sourceInstanceId(), req.restoreTime());

    RestoreSource from = req.source();
    boolean fromBackup = from != null && !from.isInstance();
    if (from != null && !region.equals(from.region())) {
      throw RdsSupport.invalidInput(
          "restore source '" + from.description() + "' is in " + from.region() + ", not " + region);
    }
    Optional<DBInstance> source =
        fromBackup
            ? Optional.empty()
            : Optional.of(
                rds.findInstance(region, req.sourceInstanceId())
                    .orElseThrow(
                        () ->
                            ApplicationFailure.newNonRetryableFailure(
                                "source RDS instance '"
                                    + req.sourceInstanceId()
                                    + "' not found in "
                                    + region,
                                FailureType.RDS_INSTANCE_NOT_FOUND.type())));
    InstanceShape shape =
        RestorePlacement.intended(req.shape(), source, req.sourceInstanceId(), region);
    RestoreDbInstanceToPointInTimeRequest.Builder call =
        RestoreDbInstanceToPointInTimeRequest.builder();
    BackupSource.name(from, req.sourceInstanceId(), call);
    call.targetDBInstanceIdentifier(target)
        // Always an explicit point, never UseLatestRestorableTime: the run must know what it
        // restored to.
        .restoreTime(req.restoreTime())
        .tags(RdsTags.toTags(tags));
    RestorePlacement.request(shape, call);
    RestoreProtections.carry(
        SourceSettings.of(source, fromBackup ? "restored from " + from.description() : null), call);
    try {
      DBInstance created =
          rds.client(region).restoreDBInstanceToPointInTime(call.build()).dbInstance();
      log.info(
          "restoring RDS instance {} in {} from {} to {} (status {}) into {}",
          target,
          region,
          fromBackup ? from.description() : req.sourceInstanceId(),
          point,
          created.dbInstanceStatus(),
          RestorePlacement.describe(shape));
      return restored(region, created, tags);
    } catch (DbInstanceAlreadyExistsException e) {
      return adopt(
          region,
          rds.instance(region, target),
          req.owner(),
          req.sourceInstanceId(),
          req.restoreTime());
    } catch (DbInstanceNotFoundException | DbInstanceAutomatedBackupNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          (fromBackup ? from.description() : "source RDS instance '" + req.sourceInstanceId() + "'")
              + " not found in "
              + region
              + ": "
              + awsMessage(e),
          FailureType.RDS_INSTANCE_NOT_FOUND.type());
    } catch (InvalidRestoreException | PointInTimeRestoreNotEnabledException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS refused to restore '"
              + req.sourceInstanceId()
              + "' in "
              + region
              + " to "
              + point
              + ": "
              + awsMessage(e)
              + " (check the restorable window)",
          "RdsInvalidRestore");
    } catch (SdkException e) {
      throw restoreFailed(
          e, "restore-db-instance-to-point-in-time", req.sourceInstanceId(), target, region);
    }
  }

  @Override
  public InstanceInfo restoreFromSnapshot(SnapshotRestoreRequest req) {
    require(req, "request");
    require(req.region(), "region");
    require(req.snapshot(), "snapshot");
    require(req.snapshot().snapshotId(), "snapshot.snapshotId");
    require(req.targetInstanceId(), "targetInstanceId");
    require(req.owner(), "owner");
    String region = req.region();
    String target = req.targetInstanceId();
    SnapshotInfo snapshot = req.snapshot();
    if (snapshot.region() != null && !snapshot.region().equals(region)) {
      throw RdsSupport.invalidInput(
          "snapshot '"
              + snapshot.snapshotId()
              + "' is in "
              + snapshot.region()
              + ", not "
              + region
              + ": copy it to "
              + region
              + " first (copySnapshot)");
    }
    Instant point = snapshot.createdAt();
    Map<String, String> tags =
        point == null
            ? RdsTags.owned(req.owner(), RdsTags.RESTORED_FROM, snapshot.snapshotId())
            : RdsTags.owned(
                req.owner(),
                RdsTags.RESTORED_FROM,
                snapshot.snapshotId(),
                RdsTags.RESTORE_POINT,
                RdsTags.instant(point));

    Optional<DBInstance> existing = rds.findInstance(region, target);
    if (existing.isPresent())
      return adopt(region, existing.get(), req.owner(), snapshot.snapshotId(), point);

    // The snapshot's instance, when it still exists here, is the source of the settings not
    // requested.
    Optional<DBInstance> source =
        snapshot.instanceId() == null
            ? Optional.empty()
            : rds.findInstance(region, snapshot.instanceId());
    InstanceShape shape =
        RestorePlacement.intended(
            req.shape(),
            source,
            snapshot.instanceId() == null
                ? "(unknown instance of snapshot " + snapshot.snapshotId() + ")"
                : snapshot.instanceId(),
            region);
    RestoreDbInstanceFromDbSnapshotRequest.Builder call =
        RestoreDbInstanceFromDbSnapshotRequest.builder()
            .dbInstanceIdentifier(target)
            .dbSnapshotIdentifier(snapshot.snapshotId())
            .tags(RdsTags.toTags(tags));
    RestorePlacement.request(shape, call);
    RestoreProtections.carry(
        SourceSettings.of(source, "the snapshot's instance was not found"), call);
    try {
      DBInstance created =
          rds.client(region).restoreDBInstanceFromDBSnapshot(call.build()).dbInstance();
      log.info(
          "restoring RDS instance {} in {} from snapshot {} (status {}) into {}",
          target,
          region,
          snapshot.snapshotId(),
          created.dbInstanceStatus(),
          RestorePlacement.describe(shape));
      return restored(region, created, tags);
    } catch (DbInstanceAlreadyExistsException e) {
      return adopt(region, rds.instance(region, target), req.owner(), snapshot.snapshotId(), point);
    } catch (DbSnapshotNotFoundException e) {
      throw snapshotNotFound(region, snapshot.snapshotId());
    } catch (InvalidDbSnapshotStateException e) {
      throw snapshotNotAvailable(region, snapshot.snapshotId(), e);
    } catch (SdkException e) {
      throw restoreFailed(
          e, "restore-db-instance-from-db-snapshot", snapshot.snapshotId(), target, region);
    }
  }

  @Override
  public InstanceInfo awaitInstanceAvailable(String region, String instanceId, Instant deadline) {
    return awaitInstanceAvailable(region, instanceId, deadline, DBInstance::dbInstanceStatus);
  }

  /**
   * As above, with the status read through {@code statusView}: the sandbox uses it to emulate
   * provisioning time.
   */
  public InstanceInfo awaitInstanceAvailable(
      String region, String instanceId, Instant deadline, Function<DBInstance, String> statusView) {
    return awaitInstanceAvailable(region, instanceId, deadline, statusView, e -> e);
  }

  /**
   * As above, with {@code adjust} applied to the expected duration the cadence is chosen from (the
   * sandbox replaces an unmeasured one with its emulated provisioning time). The cadence's time
   * counts from the wait activity's first scheduling, right after the restore call, and stays put
   * across retries (ActivityInfo.getScheduledTimestamp); the heartbeat carries the polls, so a
   * resumed wait keeps within the describe budget.
   */
  public InstanceInfo awaitInstanceAvailable(
      String region,
      String instanceId,
      Instant deadline,
      Function<DBInstance, String> statusView,
      UnaryOperator<RestoreExpectation> adjust) {
    return waitAvailable(region, instanceId, deadline, statusView, adjust, false);
  }

  @Override
  public InstanceInfo pollInstanceAvailable(String region, String instanceId, Instant deadline) {
    return pollInstanceAvailable(
        region, instanceId, deadline, DBInstance::dbInstanceStatus, e -> e);
  }

  /** As above, with the sandbox's status view and expectation ({@link #awaitInstanceAvailable}). */
  public InstanceInfo pollInstanceAvailable(
      String region,
      String instanceId,
      Instant deadline,
      Function<DBInstance, String> statusView,
      UnaryOperator<RestoreExpectation> adjust) {
    return waitAvailable(region, instanceId, deadline, statusView, adjust, true);
  }

  @Override
  public InstanceInfo pollRestoredInstanceAvailable(
      String region,
      String instanceId,
      String instanceClass,
      Instant deadline,
      Instant restoreAnsweredAt) {
    return pollRestoredInstanceAvailable(
        region,
        instanceId,
        instanceClass,
        deadline,
        restoreAnsweredAt,
        DBInstance::dbInstanceStatus,
        e -> e);
  }

  /** As above, with the sandbox's status view and expectation ({@link #awaitInstanceAvailable}). */
  public InstanceInfo pollRestoredInstanceAvailable(
      String region,
      String instanceId,
      String instanceClass,
      Instant deadline,
      Instant restoreAnsweredAt,
      Function<DBInstance, String> statusView,
      UnaryOperator<RestoreExpectation> adjust) {
    require(region, "region");
    require(instanceId, "instanceId");
    String subject = subject(region, instanceId);
    PollPacing<? super DBInstance> pacing =
        expected == null
            ? poller.backoff()
            : AdaptiveRestorePacing.deferred(
                expected,
                adjust,
                provisioningBegan(restoreAnsweredAt, scheduledAt()),
                subject,
                instanceClass);
    return waitAvailable(region, instanceId, deadline, statusView, pacing, true);
  }

  /**
   * The wait for an instance to be available: in one heartbeating activity, or one poll per attempt
   * ({@code perAttempt}, {@link StatusPoller#pollOnce}).
   */
  private InstanceInfo waitAvailable(
      String region,
      String instanceId,
      Instant deadline,
      Function<DBInstance, String> statusView,
      UnaryOperator<RestoreExpectation> adjust,
      boolean perAttempt) {
    require(region, "region");
    require(instanceId, "instanceId");
    return waitAvailable(
        region,
        instanceId,
        deadline,
        statusView,
        pacing(subject(region, instanceId), adjust),
        perAttempt);
  }

  private static String subject(String region, String instanceId) {
    return "RDS instance '" + instanceId + "' in " + region;
  }

  private InstanceInfo waitAvailable(
      String region,
      String instanceId,
      Instant deadline,
      Function<DBInstance, String> statusView,
      PollPacing<? super DBInstance> pacing,
      boolean perAttempt) {
    String subject = subject(region, instanceId);
    Supplier<DBInstance> describe = () -> rds.instance(region, instanceId);
    DBInstance db =
        perAttempt
            ? poller.pollOnce(
                subject,
                describe,
                statusView,
                "available",
                FAILED_STATES,
                "RdsBadState",
                deadline,
                pacing)
            : poller.await(
                subject,
                describe,
                statusView,
                "available",
                FAILED_STATES,
                "RdsBadState",
                deadline,
                pacing);
    return toInfo(region, db, rds.tags(region, db));
  }

  /**
   * The wait's cadence: adaptive from the expected restore duration when the worker has one, else
   * the poller's backoff. Time counts from the activity's first scheduling, stable across attempts.
   */
  private PollPacing<? super DBInstance> pacing(
      String subject, UnaryOperator<RestoreExpectation> adjust) {
    if (expected == null) return poller.backoff();
    return new AdaptiveRestorePacing(expected, adjust, scheduledAt(), subject);
  }

  /**
   * Where a restored instance's wait counts from: when RDS answered the restore call, the closest
   * known time to provisioning's start; the wait's scheduling when that is unknown or later
   * (another worker's clock ahead of this one).
   */
  static Instant provisioningBegan(Instant restoreAnsweredAt, Instant scheduledAt) {
    return restoreAnsweredAt != null && restoreAnsweredAt.isBefore(scheduledAt)
        ? restoreAnsweredAt
        : scheduledAt;
  }

  /** When this activity was first scheduled: the wait's start, the same in every attempt. */
  private static Instant scheduledAt() {
    return Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
  }

  /**
   * Compares the restored instance with the intended placement, re-resolved as the restore resolved
   * it (the request over the source as it is now). A difference is not retried: waiting does not
   * move an instance to another security group, and AWS gives one silently when none is sent.
   */
  @Override
  public String verifyPlacement(PlacementCheck check) {
    require(check, "check");
    require(check.region(), "region");
    require(check.instanceId(), "instanceId");
    String region = check.region();
    Optional<DBInstance> source =
        check.sourceInstanceId() == null
            ? Optional.empty()
            : rds.findInstance(region, check.sourceInstanceId());
    InstanceShape intended =
        RestorePlacement.intended(check.requested(), source, check.sourceInstanceId(), region);
    InstanceShape found = RestorePlacement.of(rds.instance(region, check.instanceId()));
    List<String> differences = RestorePlacement.differences(intended, found);
    if (!differences.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + check.instanceId()
              + "' in "
              + region
              + " is not where the restore intended: "
              + String.join("; ", differences),
          "RestorePlacementMismatch");
    }
    return RestorePlacement.describe(found);
  }

  @Override
  public CopySettings protectRestoredCopy(CopyProtectionRequest request) {
    require(request, "request");
    require(request.region(), "region");
    require(request.instanceId(), "instanceId");
    require(request.owner(), "owner");
    return new RestoredCopyProtection(rds).settle(request);
  }

  @Override
  public String deleteOwnedInstance(String region, String instanceId, Ownership owner) {
    require(region, "region");
    require(instanceId, "instanceId");
    require(owner, "owner");
    Optional<DBInstance> found = rds.findInstance(region, instanceId);
    if (found.isEmpty()) {
      log.info("RDS instance {} in {}: already gone", instanceId, region);
      return "already gone";
    }
    DBInstance db = found.get();
    Map<String, String> tags = rds.tags(region, db);
    if (!owner.owns(tags)) {
      ApplicationFailure refusal =
          RdsSupport.refuseDelete("RDS instance", instanceId, region, tags, owner);
      log.warn(refusal.getOriginalMessage());
      throw refusal;
    }
    if ("deleting".equals(db.dbInstanceStatus())) return "deleting";
    try {
      rds.client(region)
          .deleteDBInstance(
              r ->
                  r.dbInstanceIdentifier(instanceId)
                      .skipFinalSnapshot(true)
                      .deleteAutomatedBackups(true));
    } catch (DbInstanceNotFoundException e) {
      return "already gone";
    } catch (InvalidDbInstanceStateException e) {
      // Already being deleted by an earlier attempt, or busy (retried with backoff).
      if (rds.findInstance(region, instanceId)
          .map(d -> "deleting".equals(d.dbInstanceStatus()))
          .orElse(true)) {
        return "deleting";
      }
      throw e;
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "delete-db-instance " + instanceId + " in " + region);
    }
    log.info(
        "deleting RDS instance {} in {} (owned by {})", instanceId, region, owner.workflowId());
    return "deleting";
  }

  /**
   * A target that already exists: ours (same source and point) is returned, anything else refused.
   */
  private InstanceInfo adopt(
      String region, DBInstance db, Ownership owner, String restoredFrom, Instant point) {
    Map<String, String> tags = rds.tags(region, db);
    String id = db.dbInstanceIdentifier();
    if (!owner.owns(tags)) throw RdsSupport.existsNotOwned("RDS instance", id, region, tags, owner);
    String hadFrom = tags.get(RdsTags.RESTORED_FROM);
    Instant hadPoint = parseInstant(tags.get(RdsTags.RESTORE_POINT));
    boolean sameFrom = hadFrom == null || hadFrom.equals(restoredFrom);
    boolean samePoint = point == null || hadPoint == null || hadPoint.equals(point);
    if (!sameFrom || !samePoint) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + id
              + "' in "
              + region
              + " was already restored"
              + " by this run from '"
              + hadFrom
              + "' to "
              + tags.get(RdsTags.RESTORE_POINT)
              + ", not from '"
              + restoredFrom
              + "' to "
              + point
              + ": the run asked for two different restores under one name",
          "RestoreConflict");
    }
    log.info(
        "RDS instance {} in {} already exists and belongs to this run ({}): returning it",
        id,
        region,
        db.dbInstanceStatus());
    return toInfo(region, db, tags);
  }

  private static Instant parseInstant(String s) {
    if (s == null) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static InstanceInfo toInfo(String region, DBInstance db, Map<String, String> tags) {
    String address = db.endpoint() == null ? null : db.endpoint().address();
    Integer port = db.endpoint() == null ? null : db.endpoint().port();
    return new InstanceInfo(
        db.dbInstanceIdentifier(),
        region,
        db.dbInstanceArn(),
        db.dbInstanceStatus(),
        address,
        port,
        tags,
        db.dbInstanceClass(),
        db.allocatedStorage());
  }

  /**
   * RestoreDBInstanceFromDBSnapshot's InvalidDBSnapshotState: the snapshot is not available
   * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
   * Not retried: the run checks the status and waits for a creating snapshot before restoring, so a
   * retry would only spend its budget. Names the status as described now, when describing works.
   */
  private ApplicationFailure snapshotNotAvailable(
      String region, String snapshotId, SdkException e) {
    String status;
    try {
      status =
          rds.findSnapshot(region, snapshotId)
              .map(DBSnapshot::status)
              .map(x -> "'" + x + "'")
              .orElse("gone");
    } catch (RuntimeException describeFailed) {
      status = "unknown (describe failed: " + describeFailed.getMessage() + ")";
    }
    return ApplicationFailure.newNonRetryableFailure(
        "RDS refused to restore from snapshot '"
            + snapshotId
            + "' in "
            + region
            + ": its status is "
            + status
            + ", not 'available' ("
            + awsMessage(e)
            + ")",
        "RdsInvalidSnapshotState");
  }

  /**
   * The instance a restore call created, with the tags RDS returned, or those requested when the
   * response carries none, answered now: provisioning began at most this long ago.
   */
  private static InstanceInfo restored(
      String region, DBInstance created, Map<String, String> requested) {
    return toInfo(
            region,
            created,
            created.hasTagList() && !created.tagList().isEmpty()
                ? RdsTags.toMap(created.tagList())
                : requested)
        .answeredAt(Instant.now());
  }

  /**
   * A restore call's failure not handled where it was made: a quota reached (non-retryable), else
   * as {@link AwsFailures#translate} classifies it.
   */
  private static RuntimeException restoreFailed(
      SdkException e, String command, String from, String target, String region) {
    if (e instanceof InstanceQuotaExceededException || e instanceof StorageQuotaExceededException)
      return quota(e, "restore of " + target + " in " + region);
    return AwsFailures.translate(e, command + " " + from + " -> " + target + " in " + region);
  }

  static ApplicationFailure quota(SdkException e, String attempted) {
    return ApplicationFailure.newNonRetryableFailure(
        attempted
            + " failed: account quota reached: "
            + awsMessage(e)
            + " (raise the quota or remove unused resources)",
        "RdsQuotaExceeded");
  }

  static String awsMessage(SdkException e) {
    if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ase
        && ase.awsErrorDetails() != null) {
      return ase.awsErrorDetails().errorCode() + ": " + ase.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }
}
