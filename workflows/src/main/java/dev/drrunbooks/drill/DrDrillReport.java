package dev.drrunbooks.drill;

import static dev.drrunbooks.report.ReportLines.join;
import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A DR drill as a report: one objectives row per service, the smoke tests, the leftovers, the
 * clean-up. Pure.
 */
public final class DrDrillReport {
  public static final ReportMapping<DrDrillResult> MAPPING =
      ReportMapping.of("dr-drill", "DR drill", DrDrillReport::of);

  private DrDrillReport() {}

  static RunReport of(DrDrillResult r, ReportContext ctx) {
    RunReport.Builder b =
        MAPPING
            .builder(ctx, join(nz(r.services()).stream().map(ServiceDrill::service).toList()))
            .outcome(r.passed() ? "PASSED" : "FAILED", r.passed(), r.summary())
            .steps(r.timeline());
    for (ServiceDrill s : nz(r.services())) {
      b.service(
          s.service(),
          s.steps(),
          s.objectives() == null ? null : s.objectives().rto(),
          s.objectives() == null ? null : s.objectives().rpo(),
          s.validation(),
          s.passed());
      if (s.smoke() != null) {
        b.evidence(
            new EvidenceRow(
                s.service(),
                "smoke test " + s.smoke().url(),
                null,
                "HEALTHY",
                s.smoke().verdict().name(),
                null,
                s.smoke().verdict().name().equals("HEALTHY"),
                s.smoke().describe()));
      }
      if (s.failure() != null) b.note(s.service() + ": " + s.failure());
    }
    nz(r.leftovers()).forEach(l -> b.note("LEFT OVER: " + l));
    return b.cleanup(null, r.cleanup()).note("Test environment: stack " + r.stackName()).build();
  }
}
