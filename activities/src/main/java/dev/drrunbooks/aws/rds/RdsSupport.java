package dev.drrunbooks.aws.rds;

import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;

/** Describe-by-id, tags and the failures both RDS activity classes share. */
final class RdsSupport {
  private final Function<String, RdsClient> rds;

  RdsSupport(Function<String, RdsClient> rds) {
    this.rds = rds;
  }

  RdsClient client(String region) {
    return rds.apply(region);
  }

  Optional<DBInstance> findInstance(String region, String instanceId) {
    try {
      return client(region)
          .describeDBInstances(r -> r.dbInstanceIdentifier(instanceId))
          .dbInstances()
          .stream()
          .findFirst();
    } catch (DbInstanceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-instances " + instanceId + " in " + region);
    }
  }

  DBInstance instance(String region, String instanceId) {
    return findInstance(region, instanceId).orElseThrow(() -> instanceNotFound(region, instanceId));
  }

  /** By id ({@code rds:...} for automated snapshots) in {@code region}. */
  Optional<DBSnapshot> findSnapshot(String region, String snapshotId) {
    try {
      // AWS: describing an automated snapshot by identifier needs SnapshotType=automated.
      boolean automated = snapshotId.startsWith("rds:");
      return client(region)
          .describeDBSnapshots(
              r -> {
                r.dbSnapshotIdentifier(snapshotId);
                if (automated) r.snapshotType("automated");
              })
          .dbSnapshots()
          .stream()
          .findFirst();
    } catch (DbSnapshotNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "describe-db-snapshots " + snapshotId + " in " + region);
    }
  }

  /**
   * The instance's tags: the describe's TagList, or ListTagsForResource when the response has none.
   */
  Map<String, String> tags(String region, DBInstance db) {
    if (db.hasTagList()) return RdsTags.toMap(db.tagList());
    return listTags(region, db.dbInstanceArn());
  }

  Map<String, String> tags(String region, DBSnapshot s) {
    if (s.hasTagList()) return RdsTags.toMap(s.tagList());
    return listTags(region, s.dbSnapshotArn());
  }

  private Map<String, String> listTags(String region, String arn) {
    try {
      return RdsTags.toMap(client(region).listTagsForResource(r -> r.resourceName(arn)).tagList());
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "list-tags-for-resource " + arn);
    }
  }

  static ApplicationFailure instanceNotFound(String region, String instanceId) {
    return ApplicationFailure.newNonRetryableFailure(
        "RDS instance '" + instanceId + "' not found in " + region,
        FailureType.RDS_INSTANCE_NOT_FOUND.type());
  }

  static ApplicationFailure snapshotNotFound(String region, String snapshotId) {
    return ApplicationFailure.newNonRetryableFailure(
        "RDS snapshot '" + snapshotId + "' not found in " + region, "RdsSnapshotNotFound");
  }

  /** "Exists but not ours": a create that finds someone else's resource under its name. */
  static ApplicationFailure existsNotOwned(
      String kind, String id, String region, Map<String, String> tags, Ownership owner) {
    return ApplicationFailure.newNonRetryableFailure(
        kind
            + " '"
            + id
            + "' already exists in "
            + region
            + " and was not created by this run: its tags are "
            + RdsTags.describe(tags)
            + "; a run's own resource carries "
            + owner.requiredTags()
            + ". Choose another target name or remove it by hand.",
        FailureType.NOT_OWNED.type());
  }

  /** A delete refused because the tags do not name this run. */
  static ApplicationFailure refuseDelete(
      String kind, String id, String region, Map<String, String> tags, Ownership owner) {
    return ApplicationFailure.newNonRetryableFailure(
        "REFUSING to delete "
            + kind
            + " '"
            + id
            + "' in "
            + region
            + ": it was not created by this run. Its tags are "
            + RdsTags.describe(tags)
            + "; deleting needs "
            + owner.requiredTags()
            + ". Nothing was deleted.",
        FailureType.NOT_OWNED.type());
  }

  static ApplicationFailure invalidInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }

  static void require(Object value, String field) {
    if (value == null || value instanceof String s && s.isBlank())
      throw invalidInput(field + " is required");
  }
}
