package dev.drrunbooks.reporting;

import static dev.drrunbooks.reporting.ReportText.html;

import dev.drrunbooks.readiness.Ages;
import dev.drrunbooks.readiness.MonthlyDuration;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.readiness.StepEstimate;
import dev.drrunbooks.readiness.StepEvidence;
import java.time.Duration;
import java.util.List;

/**
 * {@code dr posture --html}: one self-contained page in the run reports' style (their stylesheet):
 * per service, a bar of the predicted RTO (p50 and p90) against the objective, the trend of its
 * measured restores by month, and its failing checks.
 */
public final class PosturePage {
  static final int WIDTH = 760;
  static final int LEFT = 150;
  static final int PLOT = WIDTH - LEFT - 40;

  private PosturePage() {}

  /**
   * @param workflowId the evaluation's run
   * @param runLink the run in the Temporal UI, or null
   */
  public static String render(ReadinessResult r, String workflowId, String runLink) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Readiness posture: ")
        .append(r.ready() ? "READY" : "NOT READY")
        .append("</title>\n<style>\n")
        .append(HtmlReport.CSS)
        .append(".rto-bar.p50{fill:#2e7d32}.rto-bar.p90{fill:#8bc34a}")
        .append(".rto-bar.at-risk{fill:#c62828}.trend-bar{fill:#57606a}\n")
        .append("</style>\n</head>\n<body>\n<header>\n<h1>Readiness posture</h1>\n")
        .append("<div class=\"status\"><span class=\"badge ")
        .append(r.ready() ? "ok" : "bad")
        .append("\" id=\"outcome\">")
        .append(r.ready() ? "READY" : "NOT READY")
        .append("</span><span class=\"summary\">")
        .append(html(r.summary()))
        .append("</span></div>\n<dl class=\"facts\">\n<dt>Evaluated</dt><dd>")
        .append(html(r.evaluatedAt()))
        .append("</dd>\n<dt>Run</dt><dd><code>")
        .append(html(workflowId))
        .append("</code>");
    if (runLink != null)
      out.append(" <a id=\"run-link\" href=\"")
          .append(html(runLink))
          .append("\">in the Temporal UI</a>");
    out.append("</dd>\n</dl>\n</header>\n");
    for (ServiceReadiness s : r.services()) service(out, s);
    out.append("<footer>All times UTC. Predicted RTO: the sum over the steps the service's")
        .append(" recovery waits on of each step's measured p50 and p90 in the evidence ledger")
        .append(
            " (the p90 of the sum is at most the sum of the p90s). Generated from workflow <code>")
        .append(html(workflowId))
        .append("</code>.</footer>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void service(StringBuilder out, ServiceReadiness s) {
    RtoForecast f = s.rto();
    boolean atRisk = f != null && f.verdict() == RtoForecast.Verdict.AT_RISK;
    out.append("<section class=\"service\" id=\"service-")
        .append(html(s.service()))
        .append("\">\n<h2>")
        .append(html(s.service()))
        .append(" <span class=\"")
        .append(s.ready() ? "pass" : "fail")
        .append("\">")
        .append(s.ready() ? "ready" : "not ready")
        .append("</span></h2>\n<p>RTO objective ")
        .append(minutes(s.objectives().rto()))
        .append(", RPO objective ")
        .append(minutes(s.objectives().rpo()))
        .append("; a region loss now would lose ")
        .append(html(regionLoss(s)))
        .append(".</p>\n");
    if (f == null || f.verdict() == RtoForecast.Verdict.INSUFFICIENT_EVIDENCE) {
      out.append("<p class=\"muted\">Predicted RTO: insufficient evidence (fewer than ")
          .append(StepEstimate.MIN_SAMPLES)
          .append(" measured samples of a step its recovery waits on).</p>\n");
    } else {
      forecastBar(out, f, atRisk);
      out.append("<p class=\"")
          .append(atRisk ? "fail" : "muted")
          .append("\">Predicted RTO p50 ")
          .append(minutes(f.p50()))
          .append(", p90 ")
          .append(minutes(f.p90()))
          .append(atRisk ? ": exceeds the objective" : ": within the objective")
          .append("; dominated by ")
          .append(html(f.dominating().title()))
          .append(".</p>\n");
    }
    if (f != null && !f.steps().isEmpty()) {
      out.append("<p class=\"muted evidence\">Evidence: ");
      for (int i = 0; i < f.steps().size(); i++) {
        StepEstimate e = f.steps().get(i);
        out.append(i == 0 ? "" : "; ")
            .append(html(e.kind().title()))
            .append(": ")
            .append(html(StepEvidence.of(f.service(), e)));
      }
      out.append(".</p>\n");
    }
    trend(out, s.restoreTrend(), s.objectives().rto());
    List<ReadinessCheck> failing = s.failing();
    if (!failing.isEmpty()) {
      out.append(
          "<table>\n"
              + "<tr><th>Failing check</th><th>Expected</th><th>Found</th><th>Verdict</th></tr>\n");
      for (ReadinessCheck c : failing)
        out.append("<tr class=\"failed\"><td>")
            .append(html(c.check()))
            .append("</td><td class=\"detail\">")
            .append(html(c.expected()))
            .append("</td><td class=\"detail\">")
            .append(html(c.found()))
            .append("</td><td class=\"verdict\">")
            .append(c.verdict())
            .append("</td></tr>\n");
      out.append("</table>\n");
    }
    out.append("</section>\n");
  }

  /** The p50 and p90 as bars on one scale with the objective as a line. */
  private static void forecastBar(StringBuilder out, RtoForecast f, boolean atRisk) {
    double max = Math.max(f.p90().toSeconds(), f.objective().toSeconds()) * 1.15;
    out.append("<svg class=\"chart forecast\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(" 92\" width=\"")
        .append(WIDTH)
        .append("\" height=\"92\">\n");
    bar(out, "predicted p50", f.p50(), max, 12, "rto-bar p50");
    bar(out, "predicted p90", f.p90(), max, 44, "rto-bar p90" + (atRisk ? " at-risk" : ""));
    double x = LEFT + PLOT * f.objective().toSeconds() / max;
    out.append(
            String.format(
                java.util.Locale.ROOT,
                "<line class=\"rto-line%s\" x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"80\"/>\n",
                atRisk ? " breach" : "",
                x,
                x))
        .append(
            String.format(
                java.util.Locale.ROOT,
                "<text class=\"rto-label%s\" x=\"%.1f\" y=\"90\">RTO %s</text>\n",
                atRisk ? " breach" : "",
                x + 4,
                minutes(f.objective())))
        .append("</svg>\n");
  }

  private static void bar(
      StringBuilder out, String label, Duration d, double max, int y, String css) {
    double w = PLOT * d.toSeconds() / max;
    out.append(
        String.format(
            java.util.Locale.ROOT,
            "<text class=\"label\" x=\"4\" y=\"%d\">%s</text><rect class=\"%s\" x=\"%d\" y=\"%d\""
                + " width=\"%.1f\" height=\"22\"/><text class=\"took\" x=\"%.1f\""
                + " y=\"%d\">%s</text>\n",
            y + 16,
            label,
            css,
            LEFT,
            y,
            w,
            LEFT + w + 6,
            y + 16,
            minutes(d)));
  }

  /** The service's restores by month: one bar per month's median, the objective as a line. */
  private static void trend(StringBuilder out, List<MonthlyDuration> months, Duration objective) {
    out.append("<h3>Measured restores, last 12 months</h3>\n");
    if (months.isEmpty()) {
      out.append("<p class=\"muted\">No restore of this service is in the ledger yet.</p>\n");
      return;
    }
    long max =
        Math.max(
            months.stream().mapToLong(m -> m.median().toSeconds()).max().orElse(1),
            objective.toSeconds());
    int height = 140;
    int step = Math.max(PLOT / 12, 30);
    out.append("<svg class=\"chart trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height + 30)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height + 30)
        .append("\">\n");
    for (int i = 0; i < months.size(); i++) {
      MonthlyDuration m = months.get(i);
      double h = (height - 10) * (double) m.median().toSeconds() / (max * 1.1);
      int x = LEFT + i * step;
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "<rect class=\"trend-bar\" x=\"%d\" y=\"%.1f\" width=\"%d\""
                  + " height=\"%.1f\"><title>%s: median %s of %d</title></rect><text class=\"tick\""
                  + " x=\"%d\" y=\"%d\">%s</text>\n",
              x,
              height - h,
              step - 8,
              h,
              m.month(),
              minutes(m.median()),
              m.samples(),
              x,
              height + 16,
              m.month().substring(2)));
    }
    double y = height - (height - 10) * (double) objective.toSeconds() / (max * 1.1);
    out.append(
            String.format(
                java.util.Locale.ROOT,
                "<line class=\"rto-line\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"rto-label\" x=\"4\" y=\"%.1f\">RTO %s</text>\n",
                LEFT - 6,
                y,
                WIDTH - 10,
                y,
                y + 5,
                minutes(objective)))
        .append("</svg>\n");
  }

  /** What a region loss would lose now and what decided it ({@link ServiceReadiness}). */
  static String regionLoss(ServiceReadiness s) {
    if (s.predictedRpoBasis() == null)
      return s.predictedRpo() == null
          ? "everything since the newest copy (none in the DR region)"
          : minutes(s.predictedRpo());
    return (s.predictedRpo() == null ? "an unknown amount" : minutes(s.predictedRpo()))
        + " ("
        + s.predictedRpoBasis()
        + ")";
  }

  /** A readiness figure as dr readiness and dr posture write it ({@link Ages}). */
  public static String minutes(Duration d) {
    return Ages.of(d);
  }
}
