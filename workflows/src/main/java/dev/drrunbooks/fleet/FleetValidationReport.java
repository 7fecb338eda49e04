package dev.drrunbooks.fleet;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A fleet run as a report: one evidence row per service (its child's outcome and run id), the
 * limits kept as a note. The RTO and RPO checks stay in each child's own report and ledger row, so
 * the ledger counts each restore once. Pure.
 */
public final class FleetValidationReport {
  public static final ReportMapping<FleetValidationResult> MAPPING =
      ReportMapping.of(FleetValidation.KEY, "Fleet backup validation", FleetValidationReport::of);

  private FleetValidationReport() {}

  static RunReport of(FleetValidationResult r, ReportContext ctx) {
    RunReport.Builder b =
        MAPPING
            .headed(ctx, "Backup validation of " + r.members().size() + " service(s)")
            .outcome(r.passed() ? "SUCCEEDED" : "FAILED", r.passed(), r.summary())
            .steps(r.timeline());
    for (FleetMemberResult m : r.members())
      b.evidence(
          new EvidenceRow(
              m.service(),
              "backup validation",
              m.workflowId(),
              FleetMemberResult.PASSED,
              m.outcome()
                  + (m.restoreDuration() == null
                      ? ""
                      : ", restored in " + Durations.format(m.restoreDuration())),
              null,
              m.passed(),
              m.summary()));
    if (r.limits() != null)
      b.note(
          "At most "
              + r.limits().maxConcurrent()
              + " run(s) in flight ("
              + r.limits().maxPerRegion()
              + " per region); "
              + r.mostAtOnce()
              + " at once at the most");
    return b.build();
  }
}
