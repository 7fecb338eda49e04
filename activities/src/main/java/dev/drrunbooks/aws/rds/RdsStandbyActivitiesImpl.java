package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.RdsSupport.require;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.Promotion;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InstanceQuotaExceededException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.StorageQuotaExceededException;

/**
 * The RDS read-replica standby: describe, create (idempotent by name, tagged with the run), promote
 * (only a replica of the expected source), the wait for the promotion, and its lag.
 *
 * <p>Every create sends its tags explicitly: moto, unlike AWS, copies the source's tags (and most
 * of its settings) onto a replica created without them.
 */
public class RdsStandbyActivitiesImpl implements RdsStandbyActivities {
  private static final Logger log = LoggerFactory.getLogger(RdsStandbyActivitiesImpl.class);

  /** StatusInfos' StatusType of a read replica's replication (DBInstanceStatusInfo). */
  static final String READ_REPLICATION = "read replication";

  /**
   * The states a promotion passes through before the instance is available without a source
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html: the replica
   * is rebooted; a backup is taken when backups are turned on).
   */
  static final Set<String> PROMOTION_STATES = Set.of("modifying", "backing-up", "rebooting");

  /** The replica wait's status for an available instance RDS names no source for. */
  static final String NOT_A_REPLICA = "available (not a read replica)";

  static final String REPLICATION_TERMINATED = "available (read replication terminated)";

  /** What a replica never becomes available and replicating from by waiting. */
  static final Set<String> REPLICA_FAILED_STATES = replicaFailedStates();

  private static Set<String> replicaFailedStates() {
    Set<String> failed = new java.util.HashSet<>(RdsRestoreActivitiesImpl.FAILED_STATES);
    failed.add(NOT_A_REPLICA);
    // "terminated": replication could not resume for over 31 days, or was stopped for good
    // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html).
    failed.add(REPLICATION_TERMINATED);
    return Set.copyOf(failed);
  }

  private final RdsSupport rds;
  private final StatusPoller poller;
  private final ReplicaLagReader lag;
  private final Clock clock;

  public RdsStandbyActivitiesImpl(AwsClients aws) {
    this(aws::rds, aws::cloudWatch, Polling.DEFAULT, Clock.systemUTC());
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   * @param cloudWatch the CloudWatch client of a region
   * @param polling the backoff between the promotion wait's polls
   */
  public RdsStandbyActivitiesImpl(
      Function<String, RdsClient> rds,
      Function<String, CloudWatchClient> cloudWatch,
      Polling polling,
      Clock clock) {
    this.rds = new RdsSupport(rds);
    this.poller = new StatusPoller(polling, clock);
    this.lag = new ReplicaLagReader(cloudWatch, clock);
    this.clock = clock;
  }

  @Override
  public ReplicaState describeReplica(String region, String instanceId) {
    require(region, "region");
    require(instanceId, "instanceId");
    return rds.findInstance(region, instanceId)
        .map(db -> state(region, db, rds.tags(region, db)))
        .orElseGet(() -> ReplicaState.notFound(region, instanceId));
  }

  static ReplicaState state(String region, DBInstance db, Map<String, String> tags) {
    Optional<DBInstanceStatusInfo> replication =
        db.hasStatusInfos()
            ? db.statusInfos().stream()
                .filter(i -> READ_REPLICATION.equalsIgnoreCase(i.statusType()))
                .findFirst()
            : Optional.empty();
    return new ReplicaState(
        db.dbInstanceIdentifier(),
        region,
        true,
        db.dbInstanceArn(),
        db.dbInstanceStatus(),
        db.readReplicaSourceDBInstanceIdentifier(),
        replication.map(DBInstanceStatusInfo::status).orElse(null),
        replication.map(DBInstanceStatusInfo::normal).orElse(null),
        replication.map(DBInstanceStatusInfo::message).orElse(null),
        tags);
  }

  @Override
  public InstanceInfo createReplica(ReplicaRequest req) {
    require(req, "request");
    require(req.region(), "region");
    require(req.instanceId(), "instanceId");
    require(req.sourceRegion(), "sourceRegion");
    require(req.sourceInstanceId(), "sourceInstanceId");
    require(req.owner(), "owner");
    RdsRestoreActivitiesImpl.requireKnownRegion("region", req.region());
    RdsRestoreActivitiesImpl.requireKnownRegion("sourceRegion", req.sourceRegion());
    if (req.subnetGroup() == null || req.subnetGroup().isBlank())
      throw RdsSupport.invalidInput(
          "subnetGroup is required: a read replica created without a DB subnet group in "
              + req.region()
              + " is placed outside any VPC, not in the application's network");
    String region = req.region();
    String target = req.instanceId();
    boolean crossRegion = !region.equals(req.sourceRegion());

    DBInstance source =
        rds.findInstance(req.sourceRegion(), req.sourceInstanceId())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "source RDS instance '"
                            + req.sourceInstanceId()
                            + "' not found in "
                            + req.sourceRegion(),
                        FailureType.RDS_INSTANCE_NOT_FOUND.type()));
    String sourceArn = source.dbInstanceArn();
    if (crossRegion && Boolean.TRUE.equals(source.storageEncrypted()) && isBlank(req.kmsKeyId()))
      throw RdsSupport.invalidInput(
          "kmsKeyId is required: source RDS instance '"
              + req.sourceInstanceId()
              + "' is encrypted, and its replica in "
              + region
              + " needs a KMS key of that region (a key belongs to one region)");

    Optional<DBInstance> existing = rds.findInstance(region, target);
    if (existing.isPresent()) return adopt(region, existing.get(), req.owner(), sourceArn);

    // Kept: the standby outlives its run, and dr cleanup of that run must not delete it.
    Map<String, String> tags = new java.util.LinkedHashMap<>(req.tags());
    tags.putAll(
        RdsTags.owned(
            req.owner(),
            RdsTags.REPLICA_OF,
            sourceArn,
            Ownership.KEPT_TAG,
            Ownership.KEPT_STANDBY));
    CreateDbInstanceReadReplicaRequest.Builder call =
        CreateDbInstanceReadReplicaRequest.builder()
            .dbInstanceIdentifier(target)
            // The ARN, never the bare name: a cross-region source is named by its ARN.
            .sourceDBInstanceIdentifier(sourceArn)
            .dbSubnetGroupName(req.subnetGroup())
            .tags(RdsTags.toTags(tags));
    // SourceRegion has the SDK add the PreSignedUrl RDS needs to copy an encrypted source across
    // regions; it is for cross-region replicas only.
    if (crossRegion) call.sourceRegion(req.sourceRegion());
    // "You can't create an encrypted read replica from an unencrypted DB instance" (KmsKeyId in
    // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html):
    // the catalog's key is for an encrypted source only, and is not sent for an unencrypted one.
    if (!isBlank(req.kmsKeyId()) && Boolean.TRUE.equals(source.storageEncrypted()))
      call.kmsKeyId(req.kmsKeyId());
    if (!req.securityGroupIds().isEmpty()) call.vpcSecurityGroupIds(req.securityGroupIds());
    if (!isBlank(req.instanceClass())) call.dbInstanceClass(req.instanceClass());
    try {
      DBInstance created =
          rds.client(region).createDBInstanceReadReplica(call.build()).dbInstance();
      log.info(
          "creating RDS read replica {} in {} of {} (status {}, subnet group {})",
          target,
          region,
          sourceArn,
          created.dbInstanceStatus(),
          req.subnetGroup());
      Map<String, String> answered =
          created.hasTagList() && !created.tagList().isEmpty()
              ? RdsTags.toMap(created.tagList())
              : tags;
      return RdsRestoreActivitiesImpl.toInfo(region, created, answered).answeredAt(clock.instant());
    } catch (DbInstanceAlreadyExistsException e) {
      return adopt(region, rds.instance(region, target), req.owner(), sourceArn);
    } catch (InstanceQuotaExceededException | StorageQuotaExceededException e) {
      throw RdsRestoreActivitiesImpl.quota(e, "read replica " + target + " in " + region);
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "create-db-instance-read-replica " + sourceArn + " -> " + target + " in " + region);
    }
  }

  /** A target that already exists: this run's replica of the same source, or refused. */
  private InstanceInfo adopt(String region, DBInstance db, Ownership owner, String sourceArn) {
    Map<String, String> tags = rds.tags(region, db);
    String id = db.dbInstanceIdentifier();
    if (!owner.owns(tags)) throw RdsSupport.existsNotOwned("RDS instance", id, region, tags, owner);
    String reported = db.readReplicaSourceDBInstanceIdentifier();
    if (!ReplicaSources.same(reported, sourceArn, region)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + id
              + "' in "
              + region
              + " already exists, created by this run, but "
              + (reported == null ? "is not a read replica" : "replicates " + reported)
              + ", not "
              + sourceArn
              + " (its tags are "
              + RdsTags.describe(tags)
              + "): the run asked for two different instances under one name",
          "ReplicaConflict");
    }
    log.info(
        "RDS read replica {} in {} of {} already exists and belongs to this run ({}): returning it",
        id,
        region,
        reported,
        db.dbInstanceStatus());
    return RdsRestoreActivitiesImpl.toInfo(region, db, tags);
  }

  @Override
  public Promotion promoteReplica(
      String region, String instanceId, String expectedSourceArn, int backupRetentionDays) {
    require(region, "region");
    require(instanceId, "instanceId");
    require(expectedSourceArn, "expectedSourceArn");
    if (backupRetentionDays < 1 || backupRetentionDays > 35)
      throw RdsSupport.invalidInput(
          "backupRetentionDays: "
              + backupRetentionDays
              + " is not allowed; 1 to 35 (a promoted instance is the new primary: without"
              + " automated backups it would have no point-in-time recovery)");
    DBInstance db = rds.instance(region, instanceId);
    Map<String, String> tags = rds.tags(region, db);
    String reported = db.readReplicaSourceDBInstanceIdentifier();
    if (reported == null) return alreadyPromoted(region, db, tags, expectedSourceArn);
    if (!ReplicaSources.same(reported, expectedSourceArn, region))
      throw notReplicaOf(region, instanceId, expectedSourceArn, "is a read replica of " + reported);

    // Written before the promotion: afterwards RDS no longer names the source.
    boolean markedBefore = reported.equals(tags.get(RdsTags.PROMOTED_FROM));
    if (!markedBefore) {
      tag(region, db.dbInstanceArn(), ReplicaState.PROMOTED_AT_TAG, clock.instant().toString());
      tag(region, db.dbInstanceArn(), RdsTags.PROMOTED_FROM, reported);
    }
    try {
      DBInstance answered =
          rds.client(region)
              .promoteReadReplica(
                  r ->
                      r.dbInstanceIdentifier(instanceId).backupRetentionPeriod(backupRetentionDays))
              .dbInstance();
      log.info(
          "promoting RDS read replica {} in {} (was a replica of {}; status {})",
          instanceId,
          region,
          reported,
          answered.dbInstanceStatus());
      return new Promotion(
          instanceId,
          region,
          Promotion.PROMOTING,
          reported,
          answered.dbInstanceStatus(),
          clock.instant());
    } catch (InvalidDbInstanceStateException e) {
      return refusedWhileBusy(region, instanceId, expectedSourceArn, markedBefore, e);
    } catch (DbInstanceNotFoundException e) {
      throw RdsSupport.instanceNotFound(region, instanceId);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "promote-read-replica " + instanceId + " in " + region);
    }
  }

  /**
   * No source reported: this run's earlier promotion has finished only if the tags say the instance
   * was a replica of the expected source; anything else was never shown to be one.
   */
  private Promotion alreadyPromoted(
      String region, DBInstance db, Map<String, String> tags, String expectedSourceArn) {
    String id = db.dbInstanceIdentifier();
    String was =
        ReplicaSources.same(tags.get(RdsTags.PROMOTED_FROM), expectedSourceArn, region)
            ? tags.get(RdsTags.PROMOTED_FROM)
            : ReplicaSources.same(tags.get(RdsTags.REPLICA_OF), expectedSourceArn, region)
                ? tags.get(RdsTags.REPLICA_OF)
                : null;
    if (was == null)
      throw notReplicaOf(
          region,
          id,
          expectedSourceArn,
          "is not a read replica (RDS names no source) and its tags "
              + RdsTags.describe(tags)
              + " do not say it was one of that source");
    log.info(
        "RDS instance {} in {}: already promoted from {} ({})",
        id,
        region,
        was,
        db.dbInstanceStatus());
    return new Promotion(id, region, Promotion.ALREADY_PROMOTED, was, db.dbInstanceStatus(), null);
  }

  /**
   * RDS refused PromoteReadReplica as the instance's state does not allow it. Looked at again: a
   * finished promotion is {@link Promotion#ALREADY_PROMOTED}; one in a promotion's states after an
   * earlier attempt marked it is {@link Promotion#UNDER_WAY}; anything else (busy with a backup,
   * still creating) is retried.
   */
  private Promotion refusedWhileBusy(
      String region,
      String instanceId,
      String expectedSourceArn,
      boolean markedBefore,
      InvalidDbInstanceStateException e) {
    DBInstance now = rds.instance(region, instanceId);
    String reported = now.readReplicaSourceDBInstanceIdentifier();
    if (reported == null)
      return alreadyPromoted(region, now, rds.tags(region, now), expectedSourceArn);
    if (markedBefore && PROMOTION_STATES.contains(now.dbInstanceStatus())) {
      log.info(
          "RDS instance {} in {} is '{}': an earlier attempt's promotion is under way",
          instanceId,
          region,
          now.dbInstanceStatus());
      return new Promotion(
          instanceId, region, Promotion.UNDER_WAY, reported, now.dbInstanceStatus(), null);
    }
    throw ApplicationFailure.newFailure(
        "RDS refused to promote '"
            + instanceId
            + "' in "
            + region
            + " while it is '"
            + now.dbInstanceStatus()
            + "' ("
            + RdsRestoreActivitiesImpl.awsMessage(e)
            + "); retried",
        "RdsReplicaBusy");
  }

  private static ApplicationFailure notReplicaOf(
      String region, String instanceId, String expectedSourceArn, String found) {
    return ApplicationFailure.newNonRetryableFailure(
        "REFUSING to promote RDS instance '"
            + instanceId
            + "' in "
            + region
            + ": it "
            + found
            + ", not of "
            + expectedSourceArn
            + " as the catalog says. Nothing was changed.",
        "RdsNotReplicaOfSource");
  }

  private void tag(String region, String arn, String key, String value) {
    try {
      rds.client(region)
          .addTagsToResource(r -> r.resourceName(arn).tags(t -> t.key(key).value(value)));
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "add-tags-to-resource " + arn);
    }
  }

  @Override
  public InstanceInfo pollPromoted(String region, String instanceId, Instant deadline) {
    require(region, "region");
    require(instanceId, "instanceId");
    DBInstance db =
        poller.pollOnce(
            "RDS instance '" + instanceId + "' in " + region,
            () -> rds.instance(region, instanceId),
            RdsStandbyActivitiesImpl::promotionStatus,
            "available",
            RdsRestoreActivitiesImpl.FAILED_STATES,
            "RdsBadState",
            deadline,
            poller.backoff());
    return RdsRestoreActivitiesImpl.toInfo(region, db, rds.tags(region, db));
  }

  /**
   * The status the promotion wait sees: "available" only once RDS names no source, i.e. the
   * instance accepts writes; an available replica is "available (still a read replica of X)".
   */
  static String promotionStatus(DBInstance db) {
    String status = db.dbInstanceStatus();
    String source = db.readReplicaSourceDBInstanceIdentifier();
    if ("available".equals(status) && source != null)
      return "available (still a read replica of " + source + ")";
    return status;
  }

  @Override
  public ReplicaState pollReplicaAvailable(String region, String instanceId, Instant deadline) {
    require(region, "region");
    require(instanceId, "instanceId");
    DBInstance db =
        poller.pollOnce(
            "RDS read replica '" + instanceId + "' in " + region,
            () -> rds.instance(region, instanceId),
            RdsStandbyActivitiesImpl::replicaStatus,
            "available",
            REPLICA_FAILED_STATES,
            "RdsBadState",
            deadline,
            poller.backoff());
    return state(region, db, rds.tags(region, db));
  }

  /**
   * The status the replica wait sees: "available" only once the instance is available, names a
   * source and replicates normally (or RDS reports no replication entry); else its status, or
   * "available (read replication STATE)", or {@value #NOT_A_REPLICA}.
   */
  static String replicaStatus(DBInstance db) {
    String status = db.dbInstanceStatus();
    if (!"available".equals(status)) return status;
    if (db.readReplicaSourceDBInstanceIdentifier() == null) return NOT_A_REPLICA;
    ReplicaState s = state(null, db, Map.of());
    if (s.replication() == null) return status;
    if ("replicating".equalsIgnoreCase(s.replication())
        && !Boolean.FALSE.equals(s.replicationNormal())) return status;
    return "available (read replication " + s.replication().toLowerCase() + ")";
  }

  @Override
  public ReplicaLag replicaLagSeconds(String region, String instanceId, Duration window) {
    require(region, "region");
    require(instanceId, "instanceId");
    require(window, "window");
    if (window.compareTo(ReplicaLagReader.PERIOD) < 0)
      throw RdsSupport.invalidInput(
          "window: " + window + " is too short; at least a minute (RDS publishes one a minute)");
    ReplicaLag found = lag.newest(region, instanceId, window);
    log.info(
        "RDS replica {} in {}: ReplicaLag {} over the last {}",
        instanceId,
        region,
        found.hasData() ? found.seconds() + " s at " + found.at() : "no data",
        window);
    return found;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
