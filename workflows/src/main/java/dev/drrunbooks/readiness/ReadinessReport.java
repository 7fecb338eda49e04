package dev.drrunbooks.readiness;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/** A readiness evaluation as a report: one evidence row per check, the forecasts as notes. Pure. */
public final class ReadinessReport {
  public static final ReportMapping<ReadinessResult> MAPPING =
      ReportMapping.of(ReadinessEvaluation.KEY, "Readiness evaluation", ReadinessReport::of);

  private ReadinessReport() {}

  static RunReport of(ReadinessResult r, ReportContext ctx) {
    RunReport.Builder b =
        MAPPING
            .headed(ctx, "Readiness of " + r.services().size() + " service(s)")
            .outcome(r.ready() ? "READY" : "NOT_READY", r.ready(), r.summary())
            .steps(r.timeline());
    for (ServiceReadiness s : r.services()) {
      for (ReadinessCheck c : s.checks())
        b.evidence(
            new EvidenceRow(
                s.service(),
                c.check(),
                null,
                c.expected(),
                c.found(),
                null,
                !c.failing(),
                c.verdict().name()));
      if (s.predictedRpo() != null || s.predictedRpoBasis() != null)
        b.note(
            s.service()
                + ": a region loss now would lose "
                + (s.predictedRpo() == null ? "an unknown amount" : Ages.of(s.predictedRpo()))
                + " of data (RPO "
                + Ages.of(s.objectives().rpo())
                + ")"
                + (s.predictedRpoBasis() == null ? "" : ": " + s.predictedRpoBasis()));
      if (s.rto() != null) b.note(s.service() + ": " + RtoForecasts.describe(s.rto()));
    }
    return b.build();
  }
}
