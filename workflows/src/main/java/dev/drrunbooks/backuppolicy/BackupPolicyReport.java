package dev.drrunbooks.backuppolicy;

import static dev.drrunbooks.report.ReportLines.join;
import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/** A backup-policy audit or apply as a report: one evidence row per check. Pure. */
public final class BackupPolicyReport {
  public static final ReportMapping<BackupPolicyResult> MAPPING =
      ReportMapping.of("backup-policy", "Backup policy", BackupPolicyReport::of);

  private BackupPolicyReport() {}

  static RunReport of(BackupPolicyResult r, ReportContext ctx) {
    boolean failed = r.failed() > 0;
    String outcome = failed ? "FAILED" : r.offPolicy() > 0 ? "OFF_POLICY" : "SUCCEEDED";
    RunReport.Builder b =
        MAPPING
            .headed(ctx, "Backup policy " + r.mode() + " of " + join(r.services()))
            .outcome(outcome, !failed && r.offPolicy() == 0, r.summary())
            .steps(r.timeline());
    for (PolicyCheck c : nz(r.checks())) {
      boolean pass = c.action() == PolicyAction.COMPLIANT || c.action() == PolicyAction.CHANGED;
      String note =
          c.action()
              + (c.after() != null ? ": now " + c.after() : "")
              + (c.detail() != null ? " (" + c.detail() + ")" : "");
      b.evidence(
          new EvidenceRow(
              c.service(), c.check(), c.resource(), c.expected(), c.found(), null, pass, note));
    }
    return b.note(
            r.compliant()
                + " compliant, "
                + r.offPolicy()
                + " off policy, "
                + r.changed()
                + " changed, "
                + r.failed()
                + " failed")
        .build();
  }
}
