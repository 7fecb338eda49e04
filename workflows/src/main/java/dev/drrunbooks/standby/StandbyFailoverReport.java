package dev.drrunbooks.standby;

import static dev.drrunbooks.report.ReportLines.approval;

import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A standby failover as a report: the lag against the RPO, the pointer before and after, the data
 * checks, the RTO and RPO achieved. Pure.
 */
public final class StandbyFailoverReport {
  public static final ReportMapping<StandbyFailoverResult> MAPPING =
      ReportMapping.of("standby-failover", "Standby failover", StandbyFailoverReport::of);

  private StandbyFailoverReport() {}

  static RunReport of(StandbyFailoverResult r, ReportContext ctx) {
    boolean passed =
        r.outcome() == StandbyFailoverOutcome.PROMOTED
            || r.outcome() == StandbyFailoverOutcome.ALREADY_DONE;
    RunReport.Builder b =
        RunReport.builder(
                ctx.workflowId(),
                "standby-failover",
                "Standby failover of " + r.service() + " to " + r.replica())
            .outcome(r.outcome() == null ? "UNKNOWN" : r.outcome().name(), passed, r.summary())
            .runLink(ctx.runLink())
            .service(r.service(), r.timeline(), r.rto(), r.rpo(), r.checks(), passed);
    if (r.assessment() != null) b.note("Assessment: " + r.assessment());
    if (r.pointer() != null) {
      b.note("Database pointer before: " + r.pointer().before().describe());
      b.note("Database pointer after: " + r.pointer().after().describe());
    }
    if (r.dnsFailover() != null) b.note("Traffic: " + r.dnsFailover());
    return b.note(approval(r.approval())).build();
  }
}
