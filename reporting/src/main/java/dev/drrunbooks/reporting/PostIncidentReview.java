package dev.drrunbooks.reporting;

import static dev.drrunbooks.reporting.ReportText.duration;
import static dev.drrunbooks.reporting.ReportText.md;
import static dev.drrunbooks.reporting.ReportText.mdRow;
import static dev.drrunbooks.reporting.ReportText.time;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.report.CleanupRow;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The runbook's post-incident review as a Markdown template over a failover or restore run: the
 * timeline of events from the run, the root cause to fill in, the actual RTO and RPO against the
 * objectives, the procedure changes to fill in, and the follow-up drill already scheduled.
 */
public final class PostIncidentReview {
  /** The procedures that recover from an incident, and so have one to review. */
  public static final Set<String> RECOVERY_PROCEDURES =
      Set.of(
          "pitr",
          "snapshot-restore",
          "dns-failover",
          "dns-failback",
          "ecs-recovery",
          "region-evacuation",
          "incident-response",
          "data-recovery");

  static final String TO_FILL = "_to be filled in_";

  private PostIncidentReview() {}

  public static boolean appliesTo(String procedure) {
    return RECOVERY_PROCEDURES.contains(procedure);
  }

  /**
   * @throws IllegalArgumentException for a run that recovers nothing (a drill, a backup test, a
   *     policy audit)
   */
  public static String render(RunReport r, FollowUpDrill drill) {
    if (!appliesTo(r.procedure())) {
      throw new IllegalArgumentException(
          "a post-incident review is over a failover or restore run ("
              + String.join(", ", RECOVERY_PROCEDURES.stream().sorted().toList())
              + "); "
              + r.workflowId()
              + " is a "
              + r.procedure()
              + " run");
    }
    StringBuilder out = new StringBuilder();
    out.append("# Post-incident review: ").append(md(r.title())).append("\n\n");
    out.append("| | |\n|---|---|\n")
        .append("| Recovery run | ")
        .append(md(r.workflowId()))
        .append(" (")
        .append(md(r.procedure()))
        .append(") |\n")
        .append("| Outcome | ")
        .append(md(r.outcome()))
        .append(r.breached() ? " (OBJECTIVE BREACHED)" : "")
        .append(" |\n")
        .append("| Recovery started | ")
        .append(time(r.start()))
        .append(" |\n")
        .append("| Recovery ended | ")
        .append(time(r.end()))
        .append(" (took ")
        .append(duration(r.took()))
        .append(") |\n")
        .append("| Review date | ")
        .append(TO_FILL)
        .append(" |\n")
        .append("| Participants | ")
        .append(TO_FILL)
        .append(" |\n\n");
    if (r.summary() != null) out.append(md(r.summary())).append("\n\n");

    out.append("## 1. Timeline of events\n\n");
    if (r.timeline().isEmpty()) {
      out.append("Not available from the run: ")
          .append(
              r.outcome().equals("FAILED")
                  ? "it failed and returned no result; read its history in the Temporal UI."
                  : "it recorded no steps.")
          .append("\n\n");
    } else {
      out.append("| Time (UTC) | Event | Outcome | Detail |\n|---|---|---|---|\n");
      if (r.rtoLine() != null && r.rtoLine().from().isBefore(r.start())) {
        out.append("| ")
            .append(time(r.rtoLine().from()))
            .append(" | incident began (as given to the run) | | |\n");
      }
      for (ReportStep s : r.timeline()) {
        mdRow(
            out,
            time(s.start()),
            md(ReportText.stepLabel(r, s)),
            s.outcome() == null ? "-" : s.outcome(),
            md(s.detail()));
      }
      out.append("| ")
          .append(time(r.end()))
          .append(" | run ended: ")
          .append(md(r.outcome()))
          .append(" | | |\n\n");
    }
    out.append("Events before and after the run (detection, paging, communication): ")
        .append(TO_FILL)
        .append("\n\n");

    out.append("## 2. Root cause\n\n");
    out.append("Root cause: ").append(TO_FILL).append("\n\n");

    out.append("## 3. Actual RTO and RPO\n\n");
    if (r.objectives().isEmpty()) {
      out.append("Not measured by this run.\n\n");
    } else {
      out.append(
              "| Service | RTO objective | RTO actual | RTO | RPO objective | RPO actual | RPO |"
                  + " Measured |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      for (ObjectiveRow o : r.objectives()) {
        List<Object> cells = new ArrayList<>(ReportText.objectiveCells(o));
        cells.add(md(o.basis()));
        mdRow(out, cells.toArray());
      }
      out.append('\n')
          .append(
              r.breached()
                  ? "**Objectives breached: "
                      + md(MarkdownReport.objectivesLine(r).replaceFirst("^BREACHED: ", ""))
                      + ".**"
                  : "All measured objectives were met.")
          .append("\n\n");
    }

    out.append("## 4. Procedure changes\n\n");
    out.append("Procedure changes: ").append(TO_FILL).append("\n\n");
    List<String> leads = leads(r);
    if (!leads.isEmpty()) {
      out.append("Where this run suggests looking:\n\n");
      leads.forEach(l -> out.append("- ").append(md(l)).append('\n'));
      out.append('\n');
    }

    out.append("## 5. Follow-up DR drill\n\n");
    if (drill != null && drill.nextRun() != null) {
      out.append("Next drill: ")
          .append(time(drill.nextRun()))
          .append(" (schedule ")
          .append(md(drill.scheduleId()))
          .append(")\n");
    } else {
      out.append("Next drill: ")
          .append(
              md(
                  drill == null || drill.note() == null
                      ? "no drill scheduled: run dr schedules apply"
                      : drill.note()))
          .append('\n');
    }
    return out.toString();
  }

  /** Failed steps, breaches and failed checks: where the changes to the procedure probably are. */
  private static List<String> leads(RunReport r) {
    List<String> leads = new java.util.ArrayList<>();
    r.objectives().stream()
        .filter(ObjectiveRow::breached)
        .forEach(
            o ->
                leads.add(
                    o.service()
                        + ": "
                        + (o.rtoBreached()
                            ? "RTO "
                                + duration(o.rtoAchieved())
                                + " against "
                                + duration(o.rtoObjective())
                            : "")
                        + (o.rtoBreached() && o.rpoBreached() ? "; " : "")
                        + (o.rpoBreached()
                            ? "RPO "
                                + duration(o.rpoAchieved())
                                + " against "
                                + duration(o.rpoObjective())
                            : "")));
    r.timeline().stream()
        .filter(s -> s.outcome() == Outcome.FAILED)
        .forEach(
            s ->
                leads.add(
                    "step failed: "
                        + ReportText.stepLabel(r, s)
                        + (s.detail() == null ? "" : ": " + s.detail())));
    r.evidence().stream()
        .filter(e -> !e.pass())
        .forEach(
            e ->
                leads.add(
                    "check failed: "
                        + e.check()
                        + " expected "
                        + e.expected()
                        + ", found "
                        + e.found()));
    r.cleanup().stream()
        .filter(CleanupRow::failed)
        .forEach(
            c ->
                leads.add(
                    "clean-up failed: "
                        + c.resource()
                        + (c.detail() == null ? "" : ": " + c.detail())));
    return leads;
  }
}
