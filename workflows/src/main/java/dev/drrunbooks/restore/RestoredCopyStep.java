package dev.drrunbooks.restore;

import dev.drrunbooks.activities.rds.CopyProtectionRequest;
import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The step after a restored copy passed validation: a recovery's copy gets its source's deletion
 * protection and backup retention, a validation copy is made sure to be deletable; either way the
 * copy's settings are compared with its source's (see RdsRestoreActivities#protectRestoredCopy).
 * Protecting only now, not at the restore, keeps a copy that failed validation deletable by the
 * run's cleanup. Runs recorded before this step skip it ({@value #VERSION}).
 */
public final class RestoredCopyStep {
  /** Version 1: a validated copy's protections are settled and verified. */
  public static final String VERSION = "restored-copy-protection";

  private RestoredCopyStep() {}

  /**
   * Returns the verified settings, or null for a run recorded before this step. A recovery whose
   * protections could not be verified is not failed (nor its copy deleted: the data is good); the
   * result says so instead.
   */
  public static CopySettings settle(
      RestoreSteps steps,
      Timeline timeline,
      CopyPurpose purpose,
      String region,
      String instanceId,
      String sourceInstanceId,
      String sourceRegion,
      Ownership owner) {
    if (Workflow.getVersion(VERSION, Workflow.DEFAULT_VERSION, 1) < 1) return null;
    CopyProtectionRequest request =
        new CopyProtectionRequest(
            region, instanceId, sourceInstanceId, sourceRegion, purpose.keeps(), owner);
    String name =
        (purpose.keeps()
                ? "protect " + instanceId + " as its source "
                : "check that validation copy " + instanceId + " is deletable, compared with ")
            + (sourceInstanceId == null ? "(unknown source)" : sourceInstanceId);
    try {
      return timeline.step(
          name, () -> steps.rds().protectRestoredCopy(request), CopySettings::summary);
    } catch (ActivityFailure e) {
      if (!purpose.keeps()) throw e;
      return new CopySettings(
          instanceId,
          true,
          false,
          List.of(
              new SettingDifference(
                  "deletion protection and backup" + " retention",
                  "as described",
                  "NOT VERIFIED",
                  Failures.rootMessage(e))));
    }
  }
}
