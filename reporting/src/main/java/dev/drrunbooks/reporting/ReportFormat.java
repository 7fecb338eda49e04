package dev.drrunbooks.reporting;

import dev.drrunbooks.report.RunReport;

/**
 * A way to write a {@link RunReport} (HTML, Markdown): its sections, always in this order, so every
 * format of one run reads the same way. Each format says how a section is written; a section with
 * nothing to show writes nothing or says so.
 */
abstract class ReportFormat {
  /** Title, outcome, period, objectives in one line, the link to the run, the summary. */
  abstract void header(StringBuilder out, RunReport r);

  /** Each objective (RTO, RPO, checks) with target, achieved and verdict. */
  abstract void objectives(StringBuilder out, RunReport r);

  abstract void timeline(StringBuilder out, RunReport r);

  abstract void evidence(StringBuilder out, RunReport r);

  abstract void cleanup(StringBuilder out, RunReport r);

  /** Called only when the report has notes. */
  abstract void notes(StringBuilder out, RunReport r);

  /** Where the report came from; closes the document. */
  abstract void footer(StringBuilder out, RunReport r);

  /** The whole report. */
  final String write(RunReport r) {
    StringBuilder out = new StringBuilder(16_384);
    header(out, r);
    objectives(out, r);
    timeline(out, r);
    evidence(out, r);
    cleanup(out, r);
    if (!r.notes().isEmpty()) notes(out, r);
    footer(out, r);
    return out.toString();
  }
}
