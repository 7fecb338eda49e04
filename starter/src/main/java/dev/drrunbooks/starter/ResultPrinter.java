package dev.drrunbooks.starter;

import dev.drrunbooks.activities.rds.CopySettings;
import dev.drrunbooks.activities.rds.SettingDifference;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * Prints the parts every procedure's result shares: timeline, data checks, objectives, clean-up.
 */
public final class ResultPrinter {
  private final PrintWriter out;

  public ResultPrinter(PrintWriter out) {
    this.out = out;
  }

  public void timeline(List<TimelineEntry> entries) {
    Table t = new Table("STEP", "START", "TOOK", "OUTCOME", "DETAIL");
    for (TimelineEntry e : entries) {
      t.row(
          e.step(), e.start(), took(Duration.between(e.start(), e.end())), e.outcome(), e.detail());
    }
    out.println("\nTimeline");
    out.print(t.render());
  }

  public void validation(ValidationReport report) {
    if (report == null) return;
    Table t = new Table("CHECK", "EXPECTED", "FOUND", "SOURCE", "PASS", "ERROR");
    for (QueryOutcome o : report.outcomes()) {
      t.row(o.name(), o.expected(), o.found(), o.sourceValue(), o.pass() ? "yes" : "NO", o.error());
    }
    out.println("\nData validation: " + report.summary());
    out.print(t.render());
  }

  /**
   * The restored copy's protections in one clause, then each setting where it differs from its
   * source, with why (a reason the source is unknown is said once, in the clause, not on every
   * row).
   */
  public void copySettings(CopySettings copy) {
    if (copy == null) return;
    Table t = new Table("SETTING", "SOURCE", "COPY", "WHY");
    for (SettingDifference d : copy.differences())
      t.row(d.setting(), d.source(), d.copy(), d.why());
    out.println("\nRestored copy: " + copy.summary());
    if (!copy.differences().isEmpty()) out.print(t.render());
  }

  public void objectives(RecoveryObjectives objectives) {
    if (objectives == null) return;
    Table t = new Table("OBJECTIVE", "TARGET", "ACHIEVED", "BREACHED", "MEASURED");
    row(t, "RTO", objectives.rto());
    row(t, "RPO", objectives.rpo());
    out.println("\nRecovery objectives");
    out.print(t.render());
  }

  public void rto(ObjectiveCheck rto) {
    objective("RTO", rto);
  }

  public void rpo(ObjectiveCheck rpo) {
    objective("RPO", rpo);
  }

  private void objective(String name, ObjectiveCheck check) {
    if (check == null) return;
    Table t = new Table("OBJECTIVE", "TARGET", "ACHIEVED", "BREACHED", "MEASURED");
    row(t, name, check);
    out.println("\nRecovery objective");
    out.print(t.render());
  }

  public void cleanup(List<CleanupRecord> records) {
    if (records == null || records.isEmpty()) return;
    Table t = new Table("RESOURCE", "OUTCOME", "DETAIL");
    records.forEach(r -> t.row(r.resource(), r.outcome(), r.detail()));
    out.println("\nClean-up");
    out.print(t.render());
  }

  private static void row(Table t, String name, ObjectiveCheck c) {
    t.row(
        name,
        Durations.format(c.objective()),
        c.achieved() == null ? "unknown" : took(c.achieved()),
        c.breached() ? "YES" : "no",
        c.basis());
  }

  private static String took(Duration d) {
    if (d == null) return "-";
    long s = d.toSeconds();
    return s < 60 ? s + "s" : s / 60 + "m" + (s % 60 == 0 ? "" : String.format("%02ds", s % 60));
  }
}
