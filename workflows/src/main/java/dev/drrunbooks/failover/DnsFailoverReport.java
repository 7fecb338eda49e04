package dev.drrunbooks.failover;

import static dev.drrunbooks.report.ReportLines.approval;
import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeVerdict;
import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A DNS failover or failback as a report: the probes after the switch, the weights before and
 * after. Pure.
 */
public final class DnsFailoverReport {
  public static final ReportMapping<DnsFailoverResult> MAPPING =
      ReportMapping.of("dns-failover", "DNS failover", DnsFailoverReport::of);

  private DnsFailoverReport() {}

  static RunReport of(DnsFailoverResult r, ReportContext ctx) {
    boolean back = r.direction() == Direction.FAILBACK;
    boolean passed =
        r.outcome() == FailoverOutcome.SWITCHED
            || r.outcome() == FailoverOutcome.ALREADY_DONE
            || r.outcome() == FailoverOutcome.NOT_NEEDED;
    RunReport.Builder b =
        RunReport.builder(
                ctx.workflowId(),
                back ? "dns-failback" : "dns-failover",
                (back ? "DNS failback of " : "DNS failover of ")
                    + r.service()
                    + " ("
                    + r.record()
                    + ")")
            .outcome(r.outcome() == null ? "UNKNOWN" : r.outcome().name(), passed, r.summary())
            .runLink(ctx.runLink())
            .service(r.service(), r.timeline(), r.rto(), null, null, null);
    for (ProbeReport p : nz(r.verification())) {
      b.evidence(
          new EvidenceRow(
              r.service(),
              "probe after switch",
              p.url(),
              ProbeVerdict.HEALTHY.name(),
              p.verdict() + " (" + p.ok() + "/" + nz(p.samples()).size() + " ok)",
              null,
              p.verdict() == ProbeVerdict.HEALTHY,
              "median " + p.medianLatencyMs() + " ms"));
    }
    nz(r.assessment()).forEach(a -> b.note("Assessment: " + a));
    if (r.weightsBefore() != null) b.note("Weights before: " + r.weightsBefore().describe());
    if (r.weightsAfter() != null) b.note("Weights after: " + r.weightsAfter().describe());
    return b.note(approval(r.approval())).build();
  }
}
