package dev.drrunbooks.readiness;

import java.util.List;

/**
 * A readiness evaluation in the Temporal UI's Current Details (Markdown, under the phase line): how
 * many services it has checked, one table row each (ready, failing checks, the RTO forecast's p90
 * against the objective, the predicted RPO against the objective) and, once done, its summary.
 * Pure.
 */
final class ReadinessDetails {
  /** Failing checks named in a row; the others are counted. */
  static final int NAMED_FAILING = 3;

  private ReadinessDetails() {}

  /** While it checks: the services checked so far of {@code total}. */
  static String checking(List<ServiceReadiness> checked, int total) {
    return "**Checked:** " + checked.size() + " of " + total + " service(s)\n\n" + table(checked);
  }

  /** Once done: the summary, then every service. */
  static String done(ReadinessResult result) {
    return "**Result:** " + cell(result.summary()) + "\n\n" + table(result.services());
  }

  static String table(List<ServiceReadiness> services) {
    StringBuilder t =
        new StringBuilder(
            "| Service | Ready | Failing checks | Predicted RTO p90 / objective |"
                + " Predicted RPO / objective |\n| --- | --- | --- | --- | --- |");
    for (ServiceReadiness s : services) {
      t.append("\n| ")
          .append(cell(s.service()))
          .append(" | ")
          .append(s.ready() ? "yes" : "**no**")
          .append(" | ")
          .append(cell(failing(s.failing())))
          .append(" | ")
          .append(rto(s.rto()))
          .append(" / ")
          .append(Ages.of(s.objectives().rto()))
          .append(" | ")
          .append(cell(s.predictedRpoText()))
          .append(" / ")
          .append(Ages.of(s.objectives().rpo()))
          .append(" |");
    }
    return t.toString();
  }

  /** "none", or "2: a, b", or "5: a, b, c and 2 more". */
  static String failing(List<ReadinessCheck> failing) {
    if (failing.isEmpty()) return "none";
    List<String> names = failing.stream().limit(NAMED_FAILING).map(ReadinessCheck::check).toList();
    int more = failing.size() - names.size();
    return failing.size()
        + ": "
        + String.join(", ", names)
        + (more > 0 ? " and " + more + " more" : "");
  }

  private static String rto(RtoForecast f) {
    if (f == null) return "-";
    if (f.p90() == null) return "insufficient evidence";
    return Ages.of(f.p90()) + (f.verdict() == RtoForecast.Verdict.AT_RISK ? " (at risk)" : "");
  }

  /** A table cell's text: a pipe or a line break would end the cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
