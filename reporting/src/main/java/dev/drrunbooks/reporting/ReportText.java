package dev.drrunbooks.reporting;

import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RtoLine;
import dev.drrunbooks.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** How the reports write times, durations and untrusted text. */
final class ReportText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private ReportText() {}

  /** 2024-01-15 03:30:12Z, or "-". */
  static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  /** 03:30:12 (UTC), or "-". */
  static String clock(Instant t) {
    return t == null ? "-" : CLOCK.format(t);
  }

  /** 0s, 0.4s, 6.2s, 42s, 3m 05s, 1h 02m; "-" when unknown. */
  static String duration(Duration d) {
    if (d == null) return "-";
    boolean negative = d.isNegative();
    long ms = d.abs().toMillis();
    long s = ms / 1000;
    String text;
    if (s < 10 && ms % 1000 >= 50)
      text = String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    else if (s < 60) text = s + "s";
    else if (s < 3600) text = s / 60 + "m " + String.format("%02ds", s % 60);
    else text = s / 3600 + "h " + String.format("%02dm", (s % 3600) / 60);
    return (negative ? "-" : "") + text.replace(" 00s", "").replace(" 00m", "");
  }

  /** Text for HTML content and attribute values. */
  static String html(Object value) {
    if (value == null) return "";
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') out.append(' ');
          else out.append(c);
        }
      }
    }
    return out.toString();
  }

  /** One Markdown table row of cells already made safe (see {@link #md}): "| a | b |\n". */
  static void mdRow(StringBuilder out, Object... cells) {
    out.append("| ");
    for (int i = 0; i < cells.length; i++) out.append(i == 0 ? "" : " | ").append(cells[i]);
    out.append(" |\n");
  }

  /**
   * An objective row's cells up to its basis: service, then RTO and RPO each as objective, achieved
   * and verdict (BREACHED in bold).
   */
  static List<String> objectiveCells(ObjectiveRow o) {
    return Arrays.asList(
        md(o.service()),
        duration(o.rtoObjective()),
        duration(o.rtoAchieved()),
        bold(verdict(o.rtoObjective(), o.rtoAchieved(), o.rtoBreached())),
        duration(o.rpoObjective()),
        duration(o.rpoAchieved()),
        bold(verdict(o.rpoObjective(), o.rpoAchieved(), o.rpoBreached())));
  }

  private static String bold(String verdict) {
    return "BREACHED".equals(verdict) ? "**BREACHED**" : verdict;
  }

  /**
   * Text for one Markdown table cell or line: no line breaks, pipes escaped, and no raw HTML (a
   * Markdown viewer would render it: every '<' becomes &lt;, so no tag can open; '>' stays
   * readable).
   */
  static String md(Object value) {
    if (value == null) return "";
    return value
        .toString()
        .replace("\r", "")
        .replace("\n", " ")
        .replace("<", "&lt;")
        .replace("|", "\\|")
        .replace("`", "\\`");
  }

  /** A check's verdict in words: BREACHED, met, not measured, or "-" when there is no objective. */
  static String verdict(Duration objective, Duration achieved, boolean breached) {
    if (breached) return "BREACHED";
    if (objective == null) return "-";
    if (achieved == null) return "not measured";
    return "met";
  }

  /** How a step label reads: "inventory · restore ..." when the report covers several services. */
  static String stepLabel(RunReport report, ReportStep step) {
    return step.service() != null && report.services().size() > 1
        ? step.service() + " \u00b7 " + step.step()
        : step.step();
  }

  /**
   * "RTO 30m (inventory) BREACHED: achieved 42m 10s" and the like, for the chart line and the text.
   */
  static String rtoSentence(RtoLine line) {
    String head =
        "RTO objective "
            + duration(line.objective())
            + (line.service() == null ? "" : " (" + line.service() + ")");
    if (line.breached()) {
      return head
          + " BREACHED: achieved "
          + duration(line.achieved())
          + (line.achieved() == null
              ? ""
              : ", " + duration(line.achieved().minus(line.objective())) + " over");
    }
    if (line.achieved() == null) return head + ": achieved not measured";
    return head
        + " met: achieved "
        + duration(line.achieved())
        + ", "
        + duration(line.objective().minus(line.achieved()))
        + " to spare";
  }

  /** How Temporal's status names the endings without a result. */
  static final java.util.Set<String> ENDINGS =
      java.util.Set.of("FAILED", "CANCELED", "TERMINATED", "TIMED_OUT");

  /**
   * A run that ended without a result (failed, cancelled, terminated, timed out) and whose timeline
   * could not be read back: only its message is known.
   */
  static boolean noResult(RunReport r) {
    return r.timeline().isEmpty() && !r.passed();
  }

  /**
   * A run that ended without a result: its objectives were never measured, whatever its timeline
   * says.
   */
  static boolean unmeasured(RunReport r) {
    return noResult(r)
        || (!r.passed() && r.objectives().isEmpty() && ENDINGS.contains(r.outcome()));
  }

  /**
   * The run's page in the Temporal UI when it is an http(s) address; null otherwise (never a script
   * URL).
   */
  static String runLink(RunReport r) {
    String link = r.runLink();
    return link != null && (link.startsWith("http://") || link.startsWith("https://"))
        ? link
        : null;
  }

  static final String NO_RESULT = "Not known: the run ended without a result.";
}
