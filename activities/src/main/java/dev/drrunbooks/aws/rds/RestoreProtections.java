package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.SettingDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceToPointInTimeRequest;

/**
 * What a restored copy keeps from its source, and where it may differ. AWS does not copy these from
 * the source on restore
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html):
 * EnableIAMDatabaseAuthentication "By default, mapping isn't enabled", CopyTagsToSnapshot "By
 * default, tags aren't copied", DeletionProtection "By default, deletion protection isn't enabled",
 * MaxAllocatedStorage (point-in-time only) absent means no storage autoscaling; only
 * BackupRetentionPeriod defaults to the existing setting. So the restore sends the source's IAM
 * authentication, autoscaling limit and copy-tags, and deletion protection off: a copy is protected
 * only after it passed validation (see {@link RestoredCopyProtection}), so the run's own cleanup
 * can still delete it when validation fails.
 */
public final class RestoreProtections {
  static final String VALIDATION_COPY = "validation copy, deleted at the end";

  private RestoreProtections() {}

  /**
   * The restore request carries the source's settings; deletion protection is off until validated.
   */
  public static void carry(
      SourceSettings source, RestoreDbInstanceToPointInTimeRequest.Builder call) {
    call.deletionProtection(false);
    if (source.iamDatabaseAuthentication() != null)
      call.enableIAMDatabaseAuthentication(source.iamDatabaseAuthentication());
    if (autoscales(source)) call.maxAllocatedStorage(source.maxAllocatedStorageGib());
    if (source.copyTagsToSnapshot() != null) call.copyTagsToSnapshot(source.copyTagsToSnapshot());
  }

  /**
   * As above; RestoreDBInstanceFromDBSnapshot has no MaxAllocatedStorage: it is set after the
   * restore.
   */
  public static void carry(
      SourceSettings source, RestoreDbInstanceFromDbSnapshotRequest.Builder call) {
    call.deletionProtection(false);
    if (source.iamDatabaseAuthentication() != null)
      call.enableIAMDatabaseAuthentication(source.iamDatabaseAuthentication());
    if (source.copyTagsToSnapshot() != null) call.copyTagsToSnapshot(source.copyTagsToSnapshot());
  }

  static boolean autoscales(SourceSettings source) {
    return source.maxAllocatedStorageGib() != null && source.maxAllocatedStorageGib() > 0;
  }

  /**
   * The deletion protection a copy ends with: a validation copy never; a kept copy as its source,
   * and on when the source's is unknown (a kept recovery is what production will use: deleting it
   * by accident is the risk).
   */
  static boolean intendedDeletionProtection(SourceSettings source, boolean keep) {
    return keep && !Boolean.FALSE.equals(source.deletionProtection());
  }

  /** The copy's IAM authentication, a pending change counted as made (it is being applied). */
  static boolean iamAuth(DBInstance copy) {
    PendingModifiedValues pending = copy.pendingModifiedValues();
    if (pending != null && pending.iamDatabaseAuthenticationEnabled() != null)
      return pending.iamDatabaseAuthenticationEnabled();
    return Boolean.TRUE.equals(copy.iamDatabaseAuthenticationEnabled());
  }

  /** The copy's backup retention in days, a pending change counted as made. */
  static Integer backupRetention(DBInstance copy) {
    PendingModifiedValues pending = copy.pendingModifiedValues();
    if (pending != null && pending.backupRetentionPeriod() != null)
      return pending.backupRetentionPeriod();
    return copy.backupRetentionPeriod();
  }

  static int maxAllocated(DBInstance copy) {
    return copy.maxAllocatedStorage() == null ? 0 : copy.maxAllocatedStorage();
  }

  /**
   * Every setting where {@code copy} differs from {@code source} (or the source's is unknown), with
   * why.
   */
  static List<SettingDifference> differences(SourceSettings source, DBInstance copy, boolean keep) {
    List<SettingDifference> out = new ArrayList<>();
    String unknown = SettingDifference.sourceUnknown(source.readFrom());
    compare(
        out,
        "IAM database authentication",
        onOff(source.iamDatabaseAuthentication()),
        onOff(iamAuth(copy)),
        source.iamDatabaseAuthentication() == null ? unknown : "not applied");
    compare(
        out,
        "storage autoscaling",
        gib(source.maxAllocatedStorageGib()),
        gib(maxAllocated(copy)),
        source.maxAllocatedStorageGib() == null
            ? unknown
            : autoscales(source)
                ? "not applied"
                : "left as restored: the source does not autoscale");
    compare(
        out,
        "copy tags to snapshots",
        onOff(source.copyTagsToSnapshot()),
        onOff(Boolean.TRUE.equals(copy.copyTagsToSnapshot())),
        source.copyTagsToSnapshot() == null ? unknown : "not applied");
    compare(
        out,
        "backup retention",
        days(source.backupRetentionDays()),
        days(backupRetention(copy)),
        !keep
            ? VALIDATION_COPY + " with its automated backups"
            : source.backupRetentionDays() == null ? unknown : "not applied");
    compare(
        out,
        "deletion protection",
        onOff(source.deletionProtection()),
        onOff(Boolean.TRUE.equals(copy.deletionProtection())),
        !keep
            ? VALIDATION_COPY
            : source.deletionProtection() == null
                ? unknown + ": a kept copy is protected"
                : "not applied");
    return out;
  }

  private static void compare(
      List<SettingDifference> out, String setting, String source, String copy, String because) {
    if (!Objects.equals(source, copy))
      out.add(new SettingDifference(setting, source, copy, because));
  }

  static String onOff(Boolean b) {
    return b == null ? "unknown" : b ? "on" : "off";
  }

  static String gib(Integer maxAllocated) {
    return maxAllocated == null
        ? "unknown"
        : maxAllocated == 0 ? "off" : "up to " + maxAllocated + " GiB";
  }

  static String days(Integer days) {
    return days == null ? "unknown" : days + " days";
  }
}
