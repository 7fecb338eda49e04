package dev.drrunbooks.starter.posture;

import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.readiness.StepEstimate;
import dev.drrunbooks.starter.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * {@code dr posture} as text: one row per service (objectives, what the evidence predicts and how
 * much evidence there is, the newest passing drill and validation, how many checks fail), then why
 * each forecast at risk is at risk.
 */
public final class PostureTable {
  private PostureTable() {}

  public static String render(ReadinessResult r) {
    Table t =
        new Table(
            "SERVICE",
            "RTO",
            "PREDICTED RTO p50/p90",
            "EVIDENCE",
            "RPO",
            "REGION LOSS LOSES",
            "LAST DRILL",
            "LAST VALIDATION",
            "FAILING");
    StringBuilder atRisk = new StringBuilder();
    for (ServiceReadiness s : r.services()) {
      RtoForecast f = s.rto();
      t.row(
          s.service(),
          minutes(s.objectives().rto()),
          predicted(f),
          evidence(f),
          minutes(s.objectives().rpo()),
          s.predictedRpo() == null ? "no recovery point" : minutes(s.predictedRpo()),
          found(s, "last passing dr-drill"),
          found(s, "last passing backup-validation"),
          s.failing().size());
      if (f != null && f.verdict() == RtoForecast.Verdict.AT_RISK) {
        StepEstimate top =
            f.steps().stream().filter(e -> e.kind() == f.dominating()).findFirst().orElseThrow();
        atRisk.append(
            String.format(
                "%s: predicted RTO p90 %s exceeds the objective %s; dominated by %s (p90 %s, %d"
                    + " samples %s..%s)%n",
                s.service(),
                minutes(f.p90()),
                minutes(f.objective()),
                f.dominating().title(),
                minutes(top.p90()),
                top.samples(),
                day(top.from()),
                day(top.to())));
      }
    }
    StringBuilder out = new StringBuilder(t.render());
    if (!atRisk.isEmpty()) out.append('\n').append("AT RISK\n").append(atRisk);
    return out.toString();
  }

  /** The failing checks of every service. */
  public static String failing(ReadinessResult r) {
    Table t = new Table("SERVICE", "CHECK", "FOUND", "VERDICT");
    boolean any = false;
    for (ServiceReadiness s : r.services())
      for (ReadinessCheck c : s.failing()) {
        any = true;
        t.row(s.service(), c.check(), shortened(c.found()), c.verdict());
      }
    return any ? t.render() : "";
  }

  static String predicted(RtoForecast f) {
    if (f == null) return "-";
    if (f.verdict() == RtoForecast.Verdict.INSUFFICIENT_EVIDENCE) return "insufficient evidence";
    return minutes(f.p50())
        + " / "
        + minutes(f.p90())
        + (f.verdict() == RtoForecast.Verdict.AT_RISK ? "  AT RISK" : "");
  }

  /** The fewest samples behind any step, and the dates they span. */
  static String evidence(RtoForecast f) {
    if (f == null || f.steps().isEmpty()) return "-";
    int fewest = f.steps().stream().mapToInt(StepEstimate::samples).min().orElse(0);
    Instant from =
        f.steps().stream()
            .map(StepEstimate::from)
            .filter(Objects::nonNull)
            .min(Instant::compareTo)
            .orElse(null);
    Instant to =
        f.steps().stream()
            .map(StepEstimate::to)
            .filter(Objects::nonNull)
            .max(Instant::compareTo)
            .orElse(null);
    return "n>=" + fewest + (from == null ? "" : ", " + day(from) + ".." + day(to));
  }

  private static String found(ServiceReadiness s, String check) {
    return s.checks().stream()
        .filter(c -> c.check().equals(check))
        .findFirst()
        .map(c -> (c.failing() ? "! " : "") + shortened(c.found()))
        .orElse("-");
  }

  private static String shortened(String text) {
    if (text == null) return "-";
    return text.length() <= 48 ? text : text.substring(0, 47) + "…";
  }

  public static String minutes(Duration d) {
    if (d == null) return "-";
    long s = d.toSeconds();
    return s % 60 == 0 || s >= 600 ? Math.round(s / 60.0) + "m" : (s / 60) + "m" + (s % 60) + "s";
  }

  private static String day(Instant at) {
    return at == null ? "?" : LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
