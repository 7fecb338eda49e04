package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * The step after a restored copy passed validation: one ModifyDBInstance (ApplyImmediately) setting
 * what differs from what the copy should keep (see {@link RestoreProtections}), then a describe to
 * verify it took. Deletion protection and CopyTagsToSnapshot apply at once; IAM authentication and
 * backup retention may show as PendingModifiedValues first, which counts as applied
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html).
 */
final class RestoredCopyProtection {
  private static final Logger log = LoggerFactory.getLogger(RestoredCopyProtection.class);
  static final String NOT_APPLIED = "RestoredCopySettingsNotApplied";

  private final RdsSupport rds;

  RestoredCopyProtection(RdsSupport rds) {
    this.rds = rds;
  }

  CopySettings settle(CopyProtectionRequest req) {
    String region = req.region();
    String id = req.instanceId();
    DBInstance copy = rds.instance(region, id);
    Map<String, String> tags = rds.tags(region, copy);
    Ownership owner = req.owner();
    if (!owner.owns(tags)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "REFUSING to change RDS instance '"
              + id
              + "' in "
              + region
              + ": it was not restored by this run. Its tags are "
              + RdsTags.describe(tags)
              + "; changing it needs "
              + owner.requiredTags()
              + ". Nothing was changed.",
          FailureType.NOT_OWNED.type());
    }
    SourceSettings source =
        source(req.sourceRegion() == null ? region : req.sourceRegion(), req.sourceInstanceId());
    ModifyDbInstanceRequest.Builder modify =
        ModifyDbInstanceRequest.builder().dbInstanceIdentifier(id).applyImmediately(true);
    List<String> changing = new ArrayList<>();
    if (source.iamDatabaseAuthentication() != null
        && source.iamDatabaseAuthentication() != RestoreProtections.iamAuth(copy)) {
      modify.enableIAMDatabaseAuthentication(source.iamDatabaseAuthentication());
      changing.add("IAM database authentication");
    }
    if (RestoreProtections.autoscales(source)
        && source.maxAllocatedStorageGib() != RestoreProtections.maxAllocated(copy)) {
      modify.maxAllocatedStorage(source.maxAllocatedStorageGib());
      changing.add("storage autoscaling");
    }
    if (source.copyTagsToSnapshot() != null
        && source.copyTagsToSnapshot() != Boolean.TRUE.equals(copy.copyTagsToSnapshot())) {
      modify.copyTagsToSnapshot(source.copyTagsToSnapshot());
      changing.add("copy tags to snapshots");
    }
    if (req.keep()
        && source.backupRetentionDays() != null
        && !source.backupRetentionDays().equals(RestoreProtections.backupRetention(copy))) {
      modify.backupRetentionPeriod(source.backupRetentionDays());
      changing.add("backup retention");
    }
    boolean protect = RestoreProtections.intendedDeletionProtection(source, req.keep());
    if (protect != Boolean.TRUE.equals(copy.deletionProtection())) {
      modify.deletionProtection(protect);
      changing.add("deletion protection");
    }
    if (!changing.isEmpty()) {
      try {
        rds.client(region).modifyDBInstance(modify.build());
      } catch (SdkException e) {
        throw AwsFailures.translate(
            e,
            "modify-db-instance "
                + id
                + " in "
                + region
                + " ("
                + String.join(", ", changing)
                + ")");
      }
      log.info(
          "RDS instance {} in {}: set {} as its source {} ({})",
          id,
          region,
          changing,
          source.readFrom(),
          req.keep() ? "kept copy" : "validation copy");
    }
    DBInstance after = rds.instance(region, id);
    List<SettingDifference> differences = RestoreProtections.differences(source, after, req.keep());
    List<String> notApplied =
        new ArrayList<>(
            differences.stream()
                .filter(d -> d.because().equals("not applied"))
                .map(SettingDifference::describe)
                .toList());
    boolean protectedNow = Boolean.TRUE.equals(after.deletionProtection());
    if (protectedNow != protect
        && notApplied.stream().noneMatch(d -> d.startsWith("deletion protection:"))) {
      notApplied.add(
          "deletion protection intended "
              + RestoreProtections.onOff(protect)
              + ", found "
              + RestoreProtections.onOff(protectedNow));
    }
    if (!notApplied.isEmpty()) {
      // Retried: RDS may describe the instance before the modification shows.
      throw ApplicationFailure.newFailure(
          "RDS instance '"
              + id
              + "' in "
              + region
              + " does not show the settings"
              + " sent: "
              + String.join("; ", notApplied),
          NOT_APPLIED);
    }
    return new CopySettings(id, req.keep(), protectedNow, differences);
  }

  private SourceSettings source(String region, String sourceId) {
    if (sourceId == null || sourceId.isBlank())
      return SourceSettings.unknown("the source instance is not known");
    // "not found", not "deleted": a restore in the DR region reads only that region, where the
    // source never was.
    return SourceSettings.of(
        rds.findInstance(region, sourceId), "RDS instance " + sourceId + " not found in " + region);
  }
}
