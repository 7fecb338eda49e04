package dev.drrunbooks.aws.rds;

import static dev.drrunbooks.aws.rds.RdsSupport.require;
import static dev.drrunbooks.aws.rds.RdsSupport.snapshotNotFound;

import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.SnapshotCopyRequest;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbSnapshotStateException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;

/**
 * DB snapshots: list (manual and automated), describe, create, copy across regions, wait, and
 * delete only what the run owns. Creating calls are idempotent by name like the restores in {@link
 * RdsRestoreActivitiesImpl}: ours is returned, anyone else's is refused naming its tags.
 *
 * <p>{@link SnapshotInfo#createdAt()} is the snapshot's OriginalSnapshotCreateTime when RDS reports
 * it, else its SnapshotCreateTime: a cross-region copy keeps the original's time, which is the
 * point in time its data is as of (the copy's own SnapshotCreateTime is when the copy was made).
 */
public class RdsSnapshotActivitiesImpl implements RdsSnapshotActivities {
  private static final Logger log = LoggerFactory.getLogger(RdsSnapshotActivitiesImpl.class);

  static final Set<String> FAILED_STATES =
      Set.of("failed", "error", "deleting", "deleted", "incompatible-restore");

  private final RdsSupport rds;
  private final StatusPoller poller;

  public RdsSnapshotActivitiesImpl(AwsClients aws) {
    this(aws::rds, Polling.DEFAULT);
  }

  public RdsSnapshotActivitiesImpl(AwsClients aws, Polling polling) {
    this(aws::rds, polling);
  }

  public RdsSnapshotActivitiesImpl(Function<String, RdsClient> rds, Polling polling) {
    this.rds = new RdsSupport(rds);
    this.poller = new StatusPoller(polling, Clock.systemUTC());
  }

  @Override
  public List<SnapshotInfo> listSnapshots(String region, String instanceId) {
    require(region, "region");
    require(instanceId, "instanceId");
    List<SnapshotInfo> out = new ArrayList<>();
    try {
      // SnapshotType unset: manual and automated; shared and public ones are not this instance's
      // backups.
      rds.client(region)
          .describeDBSnapshotsPaginator(
              r -> r.dbInstanceIdentifier(instanceId).includeShared(false).includePublic(false))
          .dbSnapshots()
          .forEach(s -> out.add(toInfo(region, s)));
    } catch (DbInstanceNotFoundException e) {
      // none by this name: a deleted instance's may still be found by resource id below
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "describe-db-snapshots --db-instance-identifier " + instanceId + " in " + region);
    }
    if (rds.findInstance(region, instanceId).isEmpty()) {
      RetainedSnapshots.of(rds, region, instanceId).stream()
          .filter(s -> out.stream().noneMatch(o -> o.snapshotId().equals(s.dbSnapshotIdentifier())))
          .forEach(s -> out.add(toInfo(region, s)));
    }
    return out;
  }

  @Override
  public SnapshotInfo describeSnapshot(String region, String snapshotId) {
    require(region, "region");
    require(snapshotId, "snapshotId");
    Located at = locate(region, snapshotId);
    return rds.findSnapshot(at.region, at.id)
        .map(s -> toInfo(at.region, s))
        .orElseThrow(() -> snapshotNotFound(at.region, snapshotId));
  }

  @Override
  public SnapshotInfo createManualSnapshot(
      String region, String instanceId, String snapshotId, Ownership owner) {
    require(region, "region");
    require(instanceId, "instanceId");
    require(snapshotId, "snapshotId");
    require(owner, "owner");
    Optional<DBSnapshot> existing = rds.findSnapshot(region, snapshotId);
    if (existing.isPresent()) return adopt(region, existing.get(), owner, instanceId, null);
    try {
      DBSnapshot created =
          rds.client(region)
              .createDBSnapshot(
                  r ->
                      r.dbInstanceIdentifier(instanceId)
                          .dbSnapshotIdentifier(snapshotId)
                          .tags(RdsTags.toTags(owner.tags())))
              .dbSnapshot();
      log.info(
          "creating snapshot {} of RDS instance {} in {} (status {})",
          snapshotId,
          instanceId,
          region,
          created.status());
      return toInfo(region, created);
    } catch (DbSnapshotAlreadyExistsException e) {
      return adopt(
          region,
          rds.findSnapshot(region, snapshotId).orElseThrow(() -> e),
          owner,
          instanceId,
          null);
    } catch (DbInstanceNotFoundException e) {
      throw RdsSupport.instanceNotFound(region, instanceId);
    } catch (SnapshotQuotaExceededException e) {
      throw RdsRestoreActivitiesImpl.quota(e, "create-db-snapshot " + snapshotId + " in " + region);
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "create-db-snapshot " + snapshotId + " of " + instanceId + " in " + region);
    }
  }

  @Override
  public SnapshotInfo copySnapshot(SnapshotCopyRequest req) {
    require(req, "request");
    require(req.source(), "source");
    require(req.source().arn(), "source.arn");
    require(req.source().region(), "source.region");
    require(req.targetRegion(), "targetRegion");
    require(req.targetSnapshotId(), "targetSnapshotId");
    require(req.owner(), "owner");
    SnapshotInfo source = req.source();
    String target = req.targetSnapshotId();
    String region = req.targetRegion();
    boolean crossRegion = !source.region().equals(region);
    if (crossRegion && source.encrypted() && (req.kmsKeyId() == null || req.kmsKeyId().isBlank())) {
      throw RdsSupport.invalidInput(
          "snapshot '"
              + source.snapshotId()
              + "' is encrypted: copying it to "
              + region
              + " needs a KMS key of "
              + region
              + " (kmsKeyId); a KMS key does not cross regions");
    }

    Optional<DBSnapshot> existing = rds.findSnapshot(region, target);
    if (existing.isPresent()) return adopt(region, existing.get(), req.owner(), null, source.arn());

    CopyDbSnapshotRequest.Builder call =
        CopyDbSnapshotRequest.builder()
            .targetDBSnapshotIdentifier(target)
            .copyTags(false)
            .tags(RdsTags.toTags(RdsTags.owned(req.owner(), RdsTags.COPIED_FROM, source.arn())));
    if (crossRegion) {
      // The client of the target region; the SDK presigns the request for the source region
      // (PreSignedUrl).
      call.sourceDBSnapshotIdentifier(source.arn()).sourceRegion(source.region());
    } else {
      call.sourceDBSnapshotIdentifier(source.snapshotId());
    }
    if (req.kmsKeyId() != null && !req.kmsKeyId().isBlank()) call.kmsKeyId(req.kmsKeyId());
    try {
      DBSnapshot created = rds.client(region).copyDBSnapshot(call.build()).dbSnapshot();
      log.info(
          "copying snapshot {} ({}) to {} in {} (status {})",
          source.snapshotId(),
          source.region(),
          target,
          region,
          created.status());
      return toInfo(region, created);
    } catch (DbSnapshotAlreadyExistsException e) {
      return adopt(
          region,
          rds.findSnapshot(region, target).orElseThrow(() -> e),
          req.owner(),
          null,
          source.arn());
    } catch (DbSnapshotNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "source RDS snapshot '"
              + source.snapshotId()
              + "' not found in "
              + source.region()
              + " (copying to "
              + target
              + " in "
              + region
              + ")",
          "RdsSnapshotNotFound");
    } catch (KmsKeyNotAccessibleException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "copy of "
              + source.snapshotId()
              + " to "
              + region
              + ": KMS key '"
              + req.kmsKeyId()
              + "' is not accessible: "
              + RdsRestoreActivitiesImpl.awsMessage(e),
          "KmsKeyNotAccessible");
    } catch (SnapshotQuotaExceededException e) {
      throw RdsRestoreActivitiesImpl.quota(e, "copy-db-snapshot to " + target + " in " + region);
    } catch (SdkException e) {
      throw AwsFailures.translate(
          e, "copy-db-snapshot " + source.arn() + " -> " + target + " in " + region);
    }
  }

  @Override
  public SnapshotInfo awaitSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    return waitSnapshot(region, snapshotId, deadline, false);
  }

  @Override
  public SnapshotInfo pollSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    return waitSnapshot(region, snapshotId, deadline, true);
  }

  /** In one heartbeating activity, or one poll per attempt ({@link StatusPoller#pollOnce}). */
  private SnapshotInfo waitSnapshot(
      String region, String snapshotId, Instant deadline, boolean perAttempt) {
    require(region, "region");
    require(snapshotId, "snapshotId");
    String subject = "RDS snapshot '" + snapshotId + "' in " + region;
    Supplier<DBSnapshot> describe =
        () ->
            rds.findSnapshot(region, snapshotId)
                .orElseThrow(() -> snapshotNotFound(region, snapshotId));
    DBSnapshot s =
        perAttempt
            ? poller.pollOnce(
                subject,
                describe,
                DBSnapshot::status,
                "available",
                FAILED_STATES,
                "RdsBadState",
                deadline,
                poller.backoff())
            : poller.await(
                subject,
                describe,
                DBSnapshot::status,
                "available",
                FAILED_STATES,
                "RdsBadState",
                deadline);
    return toInfo(region, s);
  }

  @Override
  public String deleteOwnedSnapshot(String region, String snapshotId, Ownership owner) {
    require(region, "region");
    require(snapshotId, "snapshotId");
    require(owner, "owner");
    Optional<DBSnapshot> found = rds.findSnapshot(region, snapshotId);
    if (found.isEmpty()) {
      log.info("RDS snapshot {} in {}: already gone", snapshotId, region);
      return "already gone";
    }
    Map<String, String> tags = rds.tags(region, found.get());
    if (!owner.owns(tags)) {
      ApplicationFailure refusal =
          RdsSupport.refuseDelete("RDS snapshot", snapshotId, region, tags, owner);
      log.warn(refusal.getOriginalMessage());
      throw refusal;
    }
    try {
      rds.client(region).deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshotId));
    } catch (DbSnapshotNotFoundException e) {
      return "already gone";
    } catch (InvalidDbSnapshotStateException e) {
      throw e; // e.g. still being created or copied: retried with backoff
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "delete-db-snapshot " + snapshotId + " in " + region);
    }
    log.info("deleted RDS snapshot {} in {} (owned by {})", snapshotId, region, owner.workflowId());
    return "deleted";
  }

  /**
   * An existing snapshot under the name a create wanted: ours (same origin) is returned, anything
   * else refused.
   */
  private SnapshotInfo adopt(
      String region, DBSnapshot s, Ownership owner, String ofInstance, String copiedFrom) {
    Map<String, String> tags = rds.tags(region, s);
    String id = s.dbSnapshotIdentifier();
    if (!owner.owns(tags)) throw RdsSupport.existsNotOwned("RDS snapshot", id, region, tags, owner);
    if (ofInstance != null
        && s.dbInstanceIdentifier() != null
        && !ofInstance.equalsIgnoreCase(s.dbInstanceIdentifier())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS snapshot '"
              + id
              + "' in "
              + region
              + " was already created by"
              + " this run of instance '"
              + s.dbInstanceIdentifier()
              + "', not '"
              + ofInstance
              + "'",
          "SnapshotConflict");
    }
    String hadFrom = tags.get(RdsTags.COPIED_FROM);
    if (copiedFrom != null && hadFrom != null && !hadFrom.equals(copiedFrom)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS snapshot '"
              + id
              + "' in "
              + region
              + " was already copied by"
              + " this run from '"
              + hadFrom
              + "', not from '"
              + copiedFrom
              + "'",
          "SnapshotConflict");
    }
    log.info(
        "RDS snapshot {} in {} already exists and belongs to this run ({}): returning it",
        id,
        region,
        s.status());
    return toInfo(region, s);
  }

  static SnapshotInfo toInfo(String region, DBSnapshot s) {
    Instant created =
        s.originalSnapshotCreateTime() != null
            ? s.originalSnapshotCreateTime()
            : s.snapshotCreateTime();
    return new SnapshotInfo(
        s.dbSnapshotIdentifier(),
        s.dbSnapshotArn(),
        region,
        s.dbInstanceIdentifier(),
        s.snapshotType(),
        s.status(),
        created,
        Boolean.TRUE.equals(s.encrypted()),
        s.kmsKeyId());
  }

  private record Located(String region, String id) {}

  /**
   * An id in {@code region}, or an ARN (arn:aws:rds:REGION:ACCOUNT:snapshot:ID) naming its own
   * region.
   */
  private static Located locate(String region, String idOrArn) {
    if (!idOrArn.startsWith("arn:")) return new Located(region, idOrArn);
    String[] parts = idOrArn.split(":", 7);
    if (parts.length < 7 || !"snapshot".equals(parts[5])) {
      throw RdsSupport.invalidInput(
          "'" + idOrArn + "' is not a DB snapshot ARN (arn:aws:rds:REGION:ACCOUNT:snapshot:ID)");
    }
    return new Located(parts[3], parts[6]);
  }
}
