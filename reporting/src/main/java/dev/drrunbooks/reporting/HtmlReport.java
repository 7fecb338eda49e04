package dev.drrunbooks.reporting;

import static dev.drrunbooks.reporting.ReportText.clock;
import static dev.drrunbooks.reporting.ReportText.duration;
import static dev.drrunbooks.reporting.ReportText.html;
import static dev.drrunbooks.reporting.ReportText.time;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.report.CleanupRow;
import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RtoLine;
import dev.drrunbooks.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A run's report as one self-contained HTML page: inline CSS and an inline SVG timeline, no
 * scripts, fonts or images from elsewhere, so it opens from a file, an attachment or an air-gapped
 * laptop. Everything that comes from a run is escaped. Pure string building.
 */
public final class HtmlReport extends ReportFormat {
  static final int WIDTH = 1200;
  static final int LABEL_WIDTH = 380;
  static final int PLOT_LEFT = LABEL_WIDTH + 16;
  static final int PLOT_RIGHT = WIDTH - 24;

  /** Room at the right of the plot for an RTO line too far out to draw to scale. */
  static final int OFF_SCALE_ROOM = 150;

  static final int TOP = 58;
  static final int ROW = 26;
  static final int BAR = 16;
  static final int LABEL_CHARS = 46;

  private HtmlReport() {}

  /** The report as one self-contained HTML page (styles inline, the timeline as SVG). */
  public static String render(RunReport r) {
    return new HtmlReport().write(r);
  }

  @Override
  void header(StringBuilder out, RunReport r) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(html(r.title()))
        .append(": ")
        .append(html(r.outcome()))
        .append("</title>\n")
        .append("<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    heading(out, r);
  }

  @Override
  void notes(StringBuilder out, RunReport r) {
    out.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
    r.notes().forEach(n -> out.append("<li>").append(html(n)).append("</li>\n"));
    out.append("</ul>\n</section>\n");
  }

  @Override
  void footer(StringBuilder out, RunReport r) {
    out.append("<footer>All times UTC. Generated from workflow <code>")
        .append(html(r.workflowId()))
        .append("</code> (")
        .append(html(r.procedure()))
        .append(").</footer>\n</body>\n</html>\n");
  }

  private static void heading(StringBuilder out, RunReport r) {
    out.append("<header>\n<h1>")
        .append(html(r.title()))
        .append("</h1>\n<div class=\"status\">")
        .append("<span class=\"badge ")
        .append(r.passed() ? "ok" : "bad")
        .append("\" id=\"outcome\">")
        .append(html(r.outcome()))
        .append("</span>");
    if (r.breached()) {
      out.append("<span class=\"badge bad\" id=\"breached\">")
          .append(html(breachHeadline(r)))
          .append("</span>");
    }
    if (r.summary() != null)
      out.append("<span class=\"summary\">").append(html(r.summary())).append("</span>");
    out.append("</div>\n<dl class=\"facts\">\n");
    fact(out, "Workflow", "<code>" + html(r.workflowId()) + "</code>");
    fact(out, "Procedure", html(r.procedure()));
    fact(out, "Services", r.services().isEmpty() ? "-" : html(String.join(", ", r.services())));
    fact(out, "Started", html(time(r.start())));
    fact(
        out,
        "Ended",
        html(time(r.end()))
            + " <span class=\"muted\">(took "
            + html(duration(r.took()))
            + ")</span>");
    String objectives = MarkdownReport.objectivesLine(r);
    fact(
        out,
        "Objectives",
        r.breached()
            ? "<strong class=\"fail\">" + html(objectives) + "</strong>"
            : html(objectives));
    String link = ReportText.runLink(r);
    if (link != null)
      fact(out, "Run", "<a id=\"run-link\" href=\"" + html(link) + "\">in the Temporal UI</a>");
    out.append("</dl>\n</header>\n");
  }

  private static String breachHeadline(RunReport r) {
    boolean rto = r.objectives().stream().anyMatch(ObjectiveRow::rtoBreached);
    boolean rpo = r.objectives().stream().anyMatch(ObjectiveRow::rpoBreached);
    return (rto && rpo ? "RTO AND RPO" : rto ? "RTO" : "RPO") + " BREACHED";
  }

  private static void fact(StringBuilder out, String name, String valueHtml) {
    out.append("<dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd>\n");
  }

  @Override
  void objectives(StringBuilder out, RunReport r) {
    out.append("<section id=\"objectives\">\n<h2>Recovery objectives</h2>\n");
    if (r.objectives().isEmpty()) {
      out.append("<p class=\"muted\">")
          .append(
              ReportText.unmeasured(r)
                  ? ReportText.NO_RESULT
                  : "This procedure measures no RTO or RPO.")
          .append("</p>\n</section>\n");
      return;
    }
    boolean verdicts = r.objectives().stream().anyMatch(o -> o.passed() != null);
    out.append(
            "<table class=\"objectives\">\n"
                + "<thead><tr><th>Service</th><th>RTO objective</th><th>RTO achieved</th>")
        .append("<th>RTO</th><th>RPO objective</th><th>RPO achieved</th><th>RPO</th>")
        .append(verdicts ? "<th>Verdict</th>" : "")
        .append("<th>Measured</th></tr></thead>\n<tbody>\n");
    for (ObjectiveRow o : r.objectives()) {
      out.append("<tr class=\"objective")
          .append(o.breached() ? " breached" : "")
          .append("\" data-service=\"")
          .append(html(o.service()))
          .append("\"><td>")
          .append(html(o.service()))
          .append("</td>");
      check(out, "rto", o.rtoObjective(), o.rtoAchieved(), o.rtoBreached());
      check(out, "rpo", o.rpoObjective(), o.rpoAchieved(), o.rpoBreached());
      if (verdicts) {
        out.append("<td>")
            .append(
                o.passed() == null
                    ? "<span class=\"muted\">-</span>"
                    : o.passed()
                        ? "<span class=\"pass\">passed</span>"
                        : "<span class=\"fail\">FAILED</span>")
            .append("</td>");
      }
      out.append("<td class=\"basis\">").append(html(o.basis())).append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    if (r.rtoLine() != null) {
      out.append("<p class=\"rto-sentence")
          .append(r.rtoLine().breached() ? " fail" : "")
          .append("\">")
          .append(html(ReportText.rtoSentence(r.rtoLine())))
          .append("</p>\n");
    }
    out.append("</section>\n");
  }

  private static void check(
      StringBuilder out, String which, Duration objective, Duration achieved, boolean breached) {
    String verdict = ReportText.verdict(objective, achieved, breached);
    String css = breached ? "breach" : "met".equals(verdict) ? "met" : "muted";
    out.append("<td class=\"num\">")
        .append(html(duration(objective)))
        .append("</td><td class=\"num")
        .append(breached ? " fail" : "")
        .append("\">")
        .append(html(duration(achieved)))
        .append("</td>")
        .append("<td class=\"verdict ")
        .append(css)
        .append("\" data-objective=\"")
        .append(which)
        .append("\">")
        .append(html(verdict))
        .append("</td>");
  }

  @Override
  void timeline(StringBuilder out, RunReport r) {
    out.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
    if (r.timeline().isEmpty() || r.start() == null || r.end() == null) {
      out.append("<p class=\"muted\">No timeline available.</p>\n</section>\n");
      return;
    }
    chart(out, r);
    out.append("<div class=\"legend\"><span><i class=\"sw succeeded\"></i>succeeded</span>")
        .append(
            "<span><i class=\"sw failed\"></i>failed</span><span><i class=\"sw"
                + " compensated\"></i>clean-up</span>")
        .append("<span><i class=\"sw skipped\"></i>skipped</span>");
    if (r.rtoLine() != null) {
      out.append("<span><i class=\"ln")
          .append(r.rtoLine().breached() ? " breach" : "")
          .append("\"></i>RTO objective</span>");
    }
    out.append("</div>\n");
    out.append(
            "<table class=\"steps\">\n"
                + "<thead><tr><th>#</th><th>Step</th><th>Start</th><th>Took</th><th>Outcome</th>")
        .append("<th>Detail</th></tr></thead>\n<tbody>\n");
    int i = 1;
    for (ReportStep s : r.timeline()) {
      String outcome = s.outcome() == null ? "-" : s.outcome().name();
      out.append("<tr class=\"step ")
          .append(cssOf(s.outcome()))
          .append("\"><td class=\"num\">")
          .append(i++)
          .append("</td><td>")
          .append(html(ReportText.stepLabel(r, s)))
          .append("</td><td class=\"num\">")
          .append(html(clock(s.start())))
          .append("</td><td class=\"num\">")
          .append(html(duration(s.took())))
          .append("</td><td class=\"outcome ")
          .append(cssOf(s.outcome()))
          .append("\">")
          .append(html(outcome))
          .append("</td><td class=\"detail\">")
          .append(html(s.detail()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  /** One bar per step on a time axis, and the RTO objective as a vertical line. */
  static void chart(StringBuilder out, RunReport r) {
    List<ReportStep> steps = r.timeline();
    RtoLine rto = r.rtoLine();
    Instant t0 = r.start();
    if (rto != null && rto.from().isBefore(t0)) t0 = rto.from();
    Instant tEnd = r.end();
    boolean offScale = false;
    if (rto != null && rto.at().isAfter(tEnd)) {
      Duration runSpan = Duration.between(t0, tEnd);
      if (Duration.between(t0, rto.at()).compareTo(runSpan.multipliedBy(4)) <= 0) {
        tEnd = rto.at().plus(Duration.between(t0, rto.at()).dividedBy(20));
      } else {
        offScale = true;
      }
    }
    long spanMs = Math.max(1000, Duration.between(t0, tEnd).toMillis());
    int plotRight = offScale ? PLOT_RIGHT - OFF_SCALE_ROOM : PLOT_RIGHT;
    Axis axis = new Axis(t0, spanMs, PLOT_LEFT, plotRight);
    int height = TOP + steps.size() * ROW + 12;

    out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"100%\" role=\"img\" aria-label=\"Timeline of ")
        .append(steps.size())
        .append(" steps")
        .append(rto == null ? "" : " with the RTO objective")
        .append("\">\n");
    int bottom = TOP + steps.size() * ROW;

    for (int row = 1; row < steps.size(); row += 2) {
      out.append("<rect class=\"stripe\" x=\"0\" y=\"")
          .append(TOP + row * ROW)
          .append("\" width=\"")
          .append(WIDTH)
          .append("\" height=\"")
          .append(ROW)
          .append("\"/>");
    }
    out.append('\n');
    // breach zone: the overrun, from the objective line to the recovery (or the end of the axis)
    if (rto != null && rto.breached() && !offScale) {
      double x = axis.x(rto.at());
      double xEnd = rto.achieved() == null ? plotRight : axis.x(rto.from().plus(rto.achieved()));
      out.append("<rect class=\"breach-zone\" x=\"")
          .append(f(x))
          .append("\" y=\"")
          .append(TOP - 6)
          .append("\" width=\"")
          .append(f(Math.max(2, xEnd - x)))
          .append("\" height=\"")
          .append(bottom - TOP + 6)
          .append("\"><title>")
          .append(
              html(
                  "past the RTO objective by "
                      + duration(
                          rto.achieved() == null ? null : rto.achieved().minus(rto.objective()))))
          .append("</title></rect>\n");
    }

    // ticks and grid
    long tick = tickMs(spanMs);
    for (long ms = 0; ms <= spanMs; ms += tick) {
      double x = PLOT_LEFT + (double) ms / spanMs * (plotRight - PLOT_LEFT);
      out.append("<line class=\"grid\" x1=\"")
          .append(f(x))
          .append("\" y1=\"")
          .append(TOP - 6)
          .append("\" x2=\"")
          .append(f(x))
          .append("\" y2=\"")
          .append(bottom)
          .append("\"/>")
          .append("<text class=\"tick\" x=\"")
          .append(f(x))
          .append("\" y=\"")
          .append(TOP - 12)
          .append("\" text-anchor=\"middle\">+")
          .append(html(duration(Duration.ofMillis(ms))))
          .append("</text>\n");
    }
    out.append("<text class=\"axis-note\" x=\"8\" y=\"")
        .append(TOP - 12)
        .append("\">step, took")
        .append("</text>")
        .append("<text class=\"axis-note\" x=\"")
        .append(LABEL_WIDTH)
        .append("\" y=\"")
        .append(TOP - 12)
        .append("\" text-anchor=\"end\">time since ")
        .append(html(clock(t0)))
        .append("Z</text>\n");

    // bars
    int i = 1;
    for (ReportStep s : steps) {
      int y = TOP + (i - 1) * ROW;
      String label = i + "  " + ReportText.stepLabel(r, s);
      if (label.length() > LABEL_CHARS) label = label.substring(0, LABEL_CHARS - 1) + "\u2026";
      out.append("<text class=\"label\" x=\"8\" y=\"")
          .append(y + ROW / 2 + 5)
          .append("\">")
          .append(html(label))
          .append("</text><text class=\"took\" x=\"")
          .append(LABEL_WIDTH)
          .append("\" y=\"")
          .append(y + ROW / 2 + 5)
          .append("\" text-anchor=\"end\">")
          .append(html(duration(s.took())))
          .append("</text>");
      Instant start = s.start() == null ? t0 : s.start();
      Instant end = s.end() == null ? start : s.end();
      double x = axis.x(start);
      double w = Math.max(3, axis.x(end) - x);
      out.append("<rect class=\"bar ")
          .append(cssOf(s.outcome()))
          .append("\" x=\"")
          .append(f(x))
          .append("\" y=\"")
          .append(y + (ROW - BAR) / 2)
          .append("\" width=\"")
          .append(f(w))
          .append("\" height=\"")
          .append(BAR)
          .append("\" rx=\"2\"><title>")
          .append(
              html(
                  ReportText.stepLabel(r, s)
                      + ": "
                      + duration(s.took())
                      + ", "
                      + (s.outcome() == null ? "-" : s.outcome())
                      + (s.detail() == null ? "" : ": " + s.detail())))
          .append("</title></rect>\n");
      i++;
    }

    if (rto != null) rtoLine(out, r, rto, axis, offScale, bottom);
    out.append("</svg>\n");
  }

  private static void rtoLine(
      StringBuilder out, RunReport r, RtoLine rto, Axis axis, boolean offScale, int bottom) {
    String css = rto.breached() ? "rto-line breach" : "rto-line";
    String head =
        "RTO "
            + duration(rto.objective())
            + (rto.service() != null && r.services().size() > 1 ? " (" + rto.service() + ")" : "");
    // An incident before the run; a clock that starts with the run (milliseconds before its first
    // step) is not one.
    if (rto.from().isBefore(r.start().minusSeconds(1))) {
      double xi = axis.x(rto.from());
      out.append("<line class=\"incident\" x1=\"")
          .append(f(xi))
          .append("\" y1=\"")
          .append(TOP - 6)
          .append("\" x2=\"")
          .append(f(xi))
          .append("\" y2=\"")
          .append(bottom)
          .append("\"/><text class=\"rto-label\" x=\"")
          .append(f(xi + 4))
          .append("\" y=\"")
          .append(TOP - 30)
          .append("\">incident</text>\n");
    }
    double x;
    String label;
    if (offScale) {
      int breakX = axis.right() + 26;
      out.append("<path class=\"axis-break\" d=\"M")
          .append(breakX - 6)
          .append(' ')
          .append(TOP - 2)
          .append(" l8 -10 M")
          .append(breakX)
          .append(' ')
          .append(TOP - 2)
          .append(" l8 -10\"/>\n");
      x = PLOT_RIGHT - 8;
      label = head + " at +" + duration(Duration.between(axis.t0(), rto.at())) + " (not to scale)";
    } else {
      x = axis.x(rto.at());
      label = head + " objective";
    }
    out.append("<line class=\"")
        .append(css)
        .append("\" x1=\"")
        .append(f(x))
        .append("\" y1=\"")
        .append(TOP - 28)
        .append("\" x2=\"")
        .append(f(x))
        .append("\" y2=\"")
        .append(bottom + 4)
        .append("\"><title>")
        .append(html(ReportText.rtoSentence(rto)))
        .append("</title></line>\n");
    boolean anchorEnd = x > PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * 0.55;
    double tx = anchorEnd ? x - 6 : x + 6;
    String anchor = anchorEnd ? "end" : "start";
    out.append("<text class=\"rto-label")
        .append(rto.breached() ? " breach" : "")
        .append("\" x=\"")
        .append(f(tx))
        .append("\" y=\"")
        .append(TOP - 32)
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(html(label));
    if (rto.breached()) {
      out.append(" <tspan class=\"breach-mark\">BREACHED</tspan><tspan>, achieved ")
          .append(html(duration(rto.achieved())))
          .append(
              rto.achieved() == null
                  ? ""
                  : " (" + html(duration(rto.achieved().minus(rto.objective()))) + " over)")
          .append("</tspan>");
    } else if (rto.achieved() != null) {
      out.append(" <tspan class=\"met\">met, achieved ")
          .append(html(duration(rto.achieved())))
          .append(", ")
          .append(html(duration(rto.objective().minus(rto.achieved()))))
          .append(" to spare</tspan>");
    }
    out.append("</text>\n");
  }

  /** Maps instants onto the plot. */
  private record Axis(Instant t0, long spanMs, int left, int right) {
    double x(Instant t) {
      double ms = Duration.between(t0, t).toMillis();
      return left + Math.max(0, Math.min(1, ms / spanMs)) * (right - left);
    }
  }

  /**
   * A tick every 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, so 4 to 10
   * ticks.
   */
  static long tickMs(long spanMs) {
    long[] steps = {
      1_000,
      2_000,
      5_000,
      10_000,
      15_000,
      30_000,
      60_000,
      120_000,
      300_000,
      600_000,
      900_000,
      1_800_000,
      3_600_000,
      7_200_000,
      10_800_000,
      21_600_000,
      43_200_000,
      86_400_000
    };
    for (long s : steps) if (spanMs / s <= 8) return s;
    return steps[steps.length - 1] * Math.max(1, spanMs / steps[steps.length - 1] / 8);
  }

  private static String cssOf(Outcome o) {
    return o == null ? "skipped" : o.name().toLowerCase(Locale.ROOT);
  }

  @Override
  void evidence(StringBuilder out, RunReport r) {
    out.append("<section id=\"evidence\">\n<h2>Validation evidence</h2>\n");
    if (r.evidence().isEmpty()) {
      out.append("<p class=\"muted\">No validation evidence recorded.</p>\n</section>\n");
      return;
    }
    long failed = r.evidence().stream().filter(e -> !e.pass()).count();
    out.append("<p class=\"")
        .append(failed == 0 ? "pass" : "fail")
        .append("\">")
        .append(
            failed == 0
                ? "All " + r.evidence().size() + " check(s) passed."
                : failed + " of " + r.evidence().size() + " checks FAILED.")
        .append("</p>\n");
    out.append(
            "<table class=\"evidence\">\n"
                + "<thead><tr><th>Service</th><th>Check</th><th>Expected</th><th>Found</th>")
        .append(
            "<th>Source</th><th>Pass</th><th>Query / probe</th><th>Note</th></tr></thead>\n"
                + "<tbody>\n");
    for (EvidenceRow e : r.evidence()) {
      out.append("<tr class=\"")
          .append(e.pass() ? "passed" : "failed")
          .append("\"><td>")
          .append(html(e.service()))
          .append("</td><td>")
          .append(html(e.check()))
          .append("</td><td class=\"num\">")
          .append(html(e.expected()))
          .append("</td><td class=\"num\">")
          .append(html(e.found()))
          .append("</td><td class=\"num\">")
          .append(html(e.source()))
          .append("</td><td class=\"")
          .append(e.pass() ? "pass\">yes" : "fail\">NO")
          .append("</td><td><code>")
          .append(html(e.query()))
          .append("</code></td><td class=\"detail\">")
          .append(html(e.note()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  @Override
  void cleanup(StringBuilder out, RunReport r) {
    out.append("<section id=\"cleanup\">\n<h2>Clean-up</h2>\n");
    if (r.cleanup().isEmpty()) {
      out.append("<p class=\"muted\">")
          .append(
              ReportText.noResult(r)
                  ? ReportText.NO_RESULT
                  : "No clean-up recorded: this procedure keeps what it creates, or created"
                      + " nothing.")
          .append("</p>\n</section>\n");
      return;
    }
    long failed = r.cleanup().stream().filter(CleanupRow::failed).count();
    out.append("<p class=\"")
        .append(failed == 0 ? "pass" : "fail")
        .append("\">")
        .append(
            failed == 0
                ? "Everything this run created is gone."
                : failed + " resource(s) may still exist: clean them up by hand.")
        .append("</p>\n");
    out.append(
            "<table class=\"cleanup\">\n"
                + "<thead><tr><th>Service</th><th>Resource</th><th>Outcome</th><th>Detail</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (CleanupRow c : r.cleanup()) {
      out.append("<tr class=\"")
          .append(c.failed() ? "failed" : "passed")
          .append("\"><td>")
          .append(html(c.service()))
          .append("</td><td><code>")
          .append(html(c.resource()))
          .append("</code></td><td class=\"")
          .append(c.failed() ? "fail\">FAILED: may still exist" : "pass\">" + html(c.outcome()))
          .append("</td><td class=\"detail\">")
          .append(html(c.detail()))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static final String CSS =
      """
      *{box-sizing:border-box}
      body{margin:0 auto;padding:24px 32px 40px;max-width:1280px;background:#fff;color:#1f2328;
        font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
      h1{font-size:26px;margin:0 0 8px}
      h2{font-size:19px;margin:30px 0 10px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
      code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
      .status{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 14px}
      .badge{display:inline-block;padding:5px 14px;border-radius:4px;font-weight:700;font-size:17px;
        letter-spacing:.04em;color:#fff}
      .badge.ok{background:#1a7f37}.badge.bad{background:#c62828}
      .summary{font-size:16px}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:0}
      dt{color:#57606a}dd{margin:0}
      table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0}
      th,td{text-align:left;padding:6px 9px;border-bottom:1px solid #d8dee4;vertical-align:top}
      th{background:#f3f5f7;font-weight:600;white-space:nowrap}
      td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
      td.detail,td.basis{overflow-wrap:anywhere;color:#3d444d}
      tr.breached td,tr.failed td{background:#fdecea}
      td.verdict{font-weight:700;white-space:nowrap}
      td.verdict.breach{background:#c62828 !important;color:#fff;letter-spacing:.04em}
      .met,.pass{color:#1a7f37;font-weight:600}
      .fail{color:#c62828;font-weight:700}
      .muted{color:#6e7781}
      td.outcome.failed{color:#c62828;font-weight:700}
      td.outcome.compensated{color:#5a4fcf}
      td.outcome.skipped{color:#6e7781}
      .chart{display:block;margin:6px 0 4px;border:1px solid #d8dee4;border-radius:4px;background:#fff}
      .chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
      .chart .label{font-size:14px;fill:#1f2328}
      .chart .took,.chart .tick,.chart .axis-note{font-size:12px;fill:#57606a;font-variant-numeric:tabular-nums}
      .chart .grid{stroke:#e6e9ec;stroke-width:1}
      .chart .stripe{fill:#f6f8fa}
      .chart .bar.succeeded{fill:#2e7d32}.chart .bar.failed{fill:#c62828}
      .chart .bar.compensated{fill:#6a5acd}.chart .bar.skipped{fill:#9ea7b0}
      .chart .rto-line{stroke:#24292f;stroke-width:2;stroke-dasharray:7 4}
      .chart .rto-line.breach{stroke:#c62828;stroke-width:3;stroke-dasharray:none}
      .chart .breach-zone{fill:#c62828;fill-opacity:.14}
      .chart .rto-label{font-size:14px;font-weight:700;fill:#24292f}
      .chart .rto-label.breach{fill:#c62828}
      .chart .breach-mark{fill:#c62828;font-weight:800}
      .chart .met{fill:#1a7f37}
      .chart .incident{stroke:#9a6700;stroke-width:2;stroke-dasharray:2 3}
      .chart .axis-break{stroke:#57606a;stroke-width:2;fill:none}
      .legend{display:flex;flex-wrap:wrap;gap:18px;font-size:13px;color:#57606a;margin:2px 0 12px}
      .legend i{display:inline-block;width:14px;height:10px;margin-right:6px;vertical-align:middle;border-radius:2px}
      .sw.succeeded{background:#2e7d32}.sw.failed{background:#c62828}.sw.compensated{background:#6a5acd}
      .sw.skipped{background:#9ea7b0}
      .ln{height:0 !important;border-top:2px dashed #24292f;border-radius:0 !important}
      .ln.breach{border-top:3px solid #c62828}
      .rto-sentence{font-weight:600}
      ul{margin:6px 0;padding-left:22px}li{margin:2px 0;overflow-wrap:anywhere}
      footer{margin-top:32px;color:#6e7781;font-size:13px}
      """;
}
