package dev.drrunbooks.fleet;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A fleet drill as a report: one evidence row per service with its child's outcome, run id and
 * achieved RTO and RPO against the objectives, the limits kept as a note. The objectives rows stay
 * in each child's own report and ledger row, so the ledger counts each drill once. Pure.
 */
public final class FleetDrillReport {
  public static final ReportMapping<FleetDrillResult> MAPPING =
      ReportMapping.of(FleetDrill.KEY, "Fleet DR drill", FleetDrillReport::of);

  private FleetDrillReport() {}

  static RunReport of(FleetDrillResult r, ReportContext ctx) {
    RunReport.Builder b =
        MAPPING
            .headed(ctx, "DR drill of " + r.members().size() + " service(s)")
            .outcome(r.passed() ? "PASSED" : "FAILED", r.passed(), r.summary())
            .steps(r.timeline());
    for (FleetDrillMember m : r.members())
      b.evidence(
          new EvidenceRow(
              m.service(),
              "DR drill",
              m.workflowId(),
              FleetMemberResult.PASSED + objectives(m, true),
              m.outcome() + objectives(m, false),
              null,
              m.passed(),
              m.summary()));
    if (r.limits() != null)
      b.note(
          "At most "
              + r.limits().maxConcurrent()
              + " drill(s) in flight ("
              + r.limits().maxPerRegion()
              + " per region); "
              + r.mostAtOnce()
              + " at once at the most");
    return b.build();
  }

  /**
   * ", RTO 12m (objective 30m), RPO 4m (objective 15m)": the objectives ({@code objective}) or what
   * was achieved; empty when the drill measured none.
   */
  static String objectives(FleetDrillMember m, boolean objective) {
    StringBuilder out = new StringBuilder();
    append(out, "RTO", m.rto(), objective);
    append(out, "RPO", m.rpo(), objective);
    return out.toString();
  }

  private static void append(StringBuilder out, String name, ObjectiveCheck c, boolean objective) {
    if (c == null) return;
    if (objective) {
      if (c.objective() != null)
        out.append(", ").append(name).append(" ≤ ").append(Durations.format(c.objective()));
    } else {
      out.append(", ")
          .append(name)
          .append(' ')
          .append(c.achieved() == null ? "not measured" : Durations.format(c.achieved()))
          .append(c.breached() ? " (breached)" : "");
    }
  }
}
