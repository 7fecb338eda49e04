package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/** Every check made, counts by action, a one-line summary, and the run's timeline. */
public record BackupPolicyResult(
    String mode,
    List<String> services,
    List<PolicyCheck> checks,
    int compliant,
    int offPolicy,
    int changed,
    int failed,
    String summary,
    List<TimelineEntry> timeline) {

  static BackupPolicyResult of(
      boolean apply,
      List<String> services,
      List<PolicyCheck> checks,
      List<TimelineEntry> timeline) {
    int compliant = count(checks, PolicyAction.COMPLIANT);
    int offPolicy = count(checks, PolicyAction.OFF_POLICY);
    int changed = count(checks, PolicyAction.CHANGED);
    int failed = count(checks, PolicyAction.FAILED);
    String summary;
    if (failed > 0) {
      summary =
          failed
              + " of "
              + checks.size()
              + " checks FAILED; see their detail"
              + (changed > 0 ? "; changed " + changed + " other setting(s)" : "");
    } else if (changed > 0) {
      summary = "Changed " + changed + " setting(s); " + compliant + " already compliant";
    } else if (offPolicy > 0) {
      summary =
          offPolicy
              + " of "
              + checks.size()
              + " checks off policy; nothing changed (audit only, run with apply to fix)";
    } else {
      summary = "All " + checks.size() + " checks compliant; nothing to change";
    }
    return new BackupPolicyResult(
        apply ? "apply" : "audit",
        services,
        checks,
        compliant,
        offPolicy,
        changed,
        failed,
        summary,
        timeline);
  }

  private static int count(List<PolicyCheck> checks, PolicyAction action) {
    return (int) checks.stream().filter(c -> c.action() == action).count();
  }
}
