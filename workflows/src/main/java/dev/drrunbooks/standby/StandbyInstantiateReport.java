package dev.drrunbooks.standby;

import static dev.drrunbooks.report.ReportLines.join;
import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A standby instantiate as a report: one evidence row per service's replica (expected: a replica of
 * the primary, replicating; found; what was done), and what the run kept on purpose. Pure.
 */
public final class StandbyInstantiateReport {
  public static final ReportMapping<StandbyInstantiateResult> MAPPING =
      ReportMapping.of("standby-instantiate", "Standby instantiate", StandbyInstantiateReport::of);

  private StandbyInstantiateReport() {}

  static RunReport of(StandbyInstantiateResult r, ReportContext ctx) {
    boolean passed = r.allHealthy();
    String outcome =
        r.count(StandbyInstantiateAction.FAILED) > 0
            ? "FAILED"
            : passed ? "SUCCEEDED" : "NOT_COMPLIANT";
    RunReport.Builder b =
        MAPPING
            .headed(ctx, "Standby instantiate (" + r.mode() + ") of " + join(r.services()))
            .outcome(outcome, passed, r.summary())
            .steps(r.timeline());
    for (StandbyInstantiateCheck c : nz(r.checks())) {
      String note =
          c.action()
              + (c.lagSeconds() != null ? ", ReplicaLag " + c.lagSeconds() + " s" : "")
              + (c.detail() != null ? " (" + c.detail() + ")" : "");
      b.evidence(
          new EvidenceRow(
              c.service(),
              "standby replica",
              c.replica(),
              "read replica of " + c.source() + ", replicating",
              c.found(),
              null,
              c.action().healthy(),
              note));
    }
    if (!nz(r.kept()).isEmpty())
      b.note(
          "Kept on purpose as the standby (not deleted at the end of this run, and refused by dr"
              + " cleanup of it): "
              + String.join(", ", r.kept()));
    return b.build();
  }
}
