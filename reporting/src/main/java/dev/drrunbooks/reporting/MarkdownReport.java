package dev.drrunbooks.reporting;

import static dev.drrunbooks.reporting.ReportText.duration;
import static dev.drrunbooks.reporting.ReportText.md;
import static dev.drrunbooks.reporting.ReportText.mdRow;
import static dev.drrunbooks.reporting.ReportText.time;

import dev.drrunbooks.report.CleanupRow;
import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RunReport;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's report as Markdown: for a ticket, a chat thread or a repository. Pure string building.
 */
public final class MarkdownReport extends ReportFormat {
  private MarkdownReport() {}

  /** The report as Markdown (GitHub's tables). */
  public static String render(RunReport r) {
    return new MarkdownReport().write(r);
  }

  @Override
  void header(StringBuilder out, RunReport r) {
    out.append("# ")
        .append(md(r.title()))
        .append(": ")
        .append(md(r.outcome()))
        .append(r.breached() ? " (OBJECTIVE BREACHED)" : "")
        .append("\n\n");
    out.append("| | |\n|---|---|\n");
    row(out, "Workflow", r.workflowId());
    row(out, "Procedure", r.procedure());
    row(out, "Started", time(r.start()));
    row(out, "Ended", time(r.end()));
    row(out, "Took", duration(r.took()));
    row(out, "Outcome", r.outcome() + (r.passed() ? "" : " (did not pass)"));
    row(out, "Objectives", objectivesLine(r));
    String link = ReportText.runLink(r);
    if (link != null)
      out.append("| Run in the Temporal UI | <")
          .append(link.replace(">", "%3E").replace("|", "%7C"))
          .append("> |\n");
    out.append('\n');
    if (r.summary() != null) out.append(md(r.summary())).append("\n\n");
  }

  @Override
  void notes(StringBuilder out, RunReport r) {
    out.append("## Notes\n\n");
    r.notes().forEach(n -> out.append("- ").append(md(n)).append('\n'));
    out.append('\n');
  }

  @Override
  void footer(StringBuilder out, RunReport r) {
    out.append("_All times UTC. Generated from workflow ")
        .append(md(r.workflowId()))
        .append("._\n");
  }

  static String objectivesLine(RunReport r) {
    if (r.objectives().stream()
        .noneMatch(o -> o.rtoObjective() != null || o.rpoObjective() != null)) {
      return ReportText.unmeasured(r)
          ? "not known: the run ended without a result"
          : "none measured by this procedure";
    }
    if (!r.breached()) return "all measured objectives met";
    List<String> missed =
        r.objectives().stream()
            .filter(ObjectiveRow::breached)
            .map(
                o ->
                    (o.service() == null ? "" : o.service() + " ")
                        + (o.rtoBreached() && o.rpoBreached()
                            ? "RTO and RPO"
                            : o.rtoBreached() ? "RTO" : "RPO"))
            .toList();
    return "BREACHED: " + String.join(", ", missed);
  }

  @Override
  void objectives(StringBuilder out, RunReport r) {
    out.append("## Recovery objectives\n\n");
    if (r.objectives().isEmpty()) {
      out.append(
              ReportText.unmeasured(r)
                  ? ReportText.NO_RESULT
                  : "This procedure measures no RTO or RPO.")
          .append("\n\n");
      return;
    }
    boolean verdicts = r.objectives().stream().anyMatch(o -> o.passed() != null);
    out.append(
            "| Service | RTO objective | RTO achieved | RTO | RPO objective | RPO achieved | RPO |"
                + " ")
        .append(verdicts ? "Verdict | " : "")
        .append("Measured |\n");
    out.append(
        verdicts
            ? "|---|---|---|---|---|---|---|---|---|\n"
            : "|---|---|---|---|---|---|---|---|\n");
    for (ObjectiveRow o : r.objectives()) {
      List<Object> cells = new ArrayList<>(ReportText.objectiveCells(o));
      if (verdicts) cells.add(o.passed() == null ? "-" : o.passed() ? "passed" : "**FAILED**");
      cells.add(md(o.basis()));
      mdRow(out, cells.toArray());
    }
    out.append('\n');
    if (r.rtoLine() != null) out.append(md(ReportText.rtoSentence(r.rtoLine()))).append("\n\n");
  }

  @Override
  void timeline(StringBuilder out, RunReport r) {
    out.append("## Timeline\n\n");
    if (r.timeline().isEmpty()) {
      out.append("No timeline available.\n\n");
      return;
    }
    out.append("| # | Step | Start (UTC) | Took | Outcome | Detail |\n|---|---|---|---|---|---|\n");
    int i = 1;
    for (ReportStep s : r.timeline()) {
      mdRow(
          out,
          i++,
          md(ReportText.stepLabel(r, s)),
          time(s.start()),
          duration(s.took()),
          s.outcome() == null ? "-" : s.outcome(),
          md(s.detail()));
    }
    out.append('\n');
  }

  @Override
  void evidence(StringBuilder out, RunReport r) {
    out.append("## Validation evidence\n\n");
    if (r.evidence().isEmpty()) {
      out.append("No validation evidence recorded.\n\n");
      return;
    }
    out.append("| Service | Check | Expected | Found | Source | Pass | Query / probe | Note |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (EvidenceRow e : r.evidence()) {
      mdRow(
          out,
          md(e.service()),
          md(e.check()),
          md(e.expected()),
          md(e.found()),
          md(e.source()),
          e.pass() ? "yes" : "**NO**",
          md(e.query()),
          md(e.note()));
    }
    out.append('\n');
  }

  @Override
  void cleanup(StringBuilder out, RunReport r) {
    out.append("## Clean-up\n\n");
    if (r.cleanup().isEmpty()) {
      out.append(
              ReportText.noResult(r)
                  ? ReportText.NO_RESULT
                  : "No clean-up recorded: this procedure keeps what it creates, or created"
                      + " nothing.")
          .append("\n\n");
      return;
    }
    out.append("| Service | Resource | Outcome | Detail |\n|---|---|---|---|\n");
    for (CleanupRow c : r.cleanup()) {
      mdRow(
          out,
          md(c.service()),
          md(c.resource()),
          c.failed() ? "**FAILED: may still exist**" : String.valueOf(c.outcome()),
          md(c.detail()));
    }
    out.append('\n');
  }

  private static void row(StringBuilder out, String key, Object value) {
    mdRow(out, key, md(value));
  }
}
