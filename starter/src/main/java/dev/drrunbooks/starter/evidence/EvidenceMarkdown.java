package dev.drrunbooks.starter.evidence;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.AuditedRun.AuditedObjective;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail as a Markdown document: a table of every run, one line per service objective
 * (achieved against the objective, MET or BREACHED), and its approvals: who (verified or not),
 * through which channel, when, what and why.
 */
final class EvidenceMarkdown {
  private EvidenceMarkdown() {}

  static String render(List<AuditedRun> runs, Instant since, String service) {
    StringBuilder out = new StringBuilder();
    out.append("# DR evidence since ")
        .append(since)
        .append(service == null ? "" : " for " + service)
        .append("\n\n")
        .append(runs.size())
        .append(" run(s): ")
        .append(runs.stream().filter(AuditedRun::passed).count())
        .append(" passed, ")
        .append(runs.stream().filter(AuditedRun::breached).count())
        .append(" with an objective breached.\n\n")
        .append("| Ended (UTC) | Procedure | Services | Outcome | Objectives | Approvals | Run |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (AuditedRun r : runs)
      out.append("| ")
          .append(r.endedAt())
          .append(" | ")
          .append(cell(r.procedure()))
          .append(" | ")
          .append(cell(String.join(", ", r.services())))
          .append(" | ")
          .append(cell(r.outcome()))
          .append(r.passed() ? "" : " (not passed)")
          .append(" | ")
          .append(
              cell(
                  String.join(
                      "; ", r.objectives().stream().map(EvidenceMarkdown::objective).toList())))
          .append(" | ")
          .append(cell(approvals(r)))
          .append(" | ")
          .append(
              r.runLink() == null
                  ? cell(r.workflowId())
                  : "[" + cell(r.workflowId()) + "](" + r.runLink() + ")")
          .append(" |\n");
    return out.toString();
  }

  /**
   * Each gate decision's line ({@code switch-traffic: APPROVED by operator:alice (verified) via dr
   * approve (update) at ...: why}), joined with "; "; "-" for a run without any.
   */
  static String approvals(AuditedRun r) {
    if (r.approvals().isEmpty()) return "-";
    return String.join("; ", r.approvals().stream().map(ApprovalRecord::line).toList());
  }

  /** {@code inventory RTO 12.5m of 30m met, RPO 7m of 5m BREACHED}. */
  static String objective(AuditedObjective o) {
    return o.service()
        + " RTO "
        + against(o.rtoAchievedSeconds(), o.rtoObjectiveSeconds(), o.rtoBreached())
        + ", RPO "
        + against(o.rpoAchievedSeconds(), o.rpoObjectiveSeconds(), o.rpoBreached());
  }

  private static String against(Double achieved, Double objective, boolean breached) {
    if (objective == null) return "-";
    if (achieved == null) return "not measured (objective " + minutes(objective) + ")";
    return minutes(achieved) + " of " + minutes(objective) + (breached ? " BREACHED" : " met");
  }

  private static String minutes(double seconds) {
    double m = seconds / 60.0;
    return (m == Math.rint(m)
            ? String.valueOf((long) m)
            : String.format(java.util.Locale.ROOT, "%.1f", m))
        + "m";
  }

  /** A Markdown table cell: pipes escaped, lines joined. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
  }
}
