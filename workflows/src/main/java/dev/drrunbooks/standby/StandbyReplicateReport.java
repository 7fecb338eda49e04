package dev.drrunbooks.standby;

import static dev.drrunbooks.report.ReportLines.approval;

import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/** A replicate-back as a report: the reverse replica, what became of the old primary. Pure. */
public final class StandbyReplicateReport {
  public static final ReportMapping<StandbyReplicateResult> MAPPING =
      ReportMapping.of("standby-replicate", "Standby replicate-back", StandbyReplicateReport::of);

  private StandbyReplicateReport() {}

  static RunReport of(StandbyReplicateResult r, ReportContext ctx) {
    boolean passed = r.outcome() == StandbyReplicateOutcome.REPLICATING;
    RunReport.Builder b =
        RunReport.builder(
                ctx.workflowId(),
                "standby-replicate",
                "Replicate-back of " + r.service() + " to " + r.reverseReplica())
            .outcome(r.outcome() == null ? "UNKNOWN" : r.outcome().name(), passed, r.summary())
            .runLink(ctx.runLink())
            .service(r.service(), r.timeline(), null, null, null, passed);
    b.note("New primary: " + r.newPrimary());
    b.note("Old primary: " + r.oldPrimary());
    return b.note(approval(r.approval())).build();
  }
}
