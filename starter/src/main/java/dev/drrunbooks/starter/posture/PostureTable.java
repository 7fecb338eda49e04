package dev.drrunbooks.starter.posture;

import dev.drrunbooks.readiness.Ages;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.readiness.StepEstimate;
import dev.drrunbooks.readiness.StepEvidence;
import dev.drrunbooks.starter.Table;
import java.time.Duration;

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
    StringBuilder regionLoss = new StringBuilder();
    for (ServiceReadiness s : r.services()) {
      RtoForecast f = s.rto();
      regionLoss.append(String.format("%s: %s%n", s.service(), s.predictedRpoText()));
      t.row(
          s.service(),
          minutes(s.objectives().rto()),
          predicted(f),
          evidence(f),
          minutes(s.objectives().rpo()),
          minutes(s.predictedRpo()),
          found(s, "last passing dr-drill"),
          found(s, "last passing backup-validation"),
          s.failing().size());
      if (f != null && f.verdict() == RtoForecast.Verdict.AT_RISK) {
        StepEstimate top =
            f.steps().stream().filter(e -> e.kind() == f.dominating()).findFirst().orElseThrow();
        atRisk.append(
            String.format(
                "%s: predicted RTO p90 %s exceeds the objective %s; dominated by %s (p90 %s; %s)%n",
                s.service(),
                minutes(f.p90()),
                minutes(f.objective()),
                f.dominating().title(),
                minutes(top.p90()),
                StepEvidence.of(s.service(), top)));
      }
    }
    StringBuilder out = new StringBuilder(t.render());
    out.append('\n').append("REGION LOSS WOULD LOSE (what decided it)\n").append(regionLoss);
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

  /**
   * The evidence of the step with the fewest samples behind it: how many, whose (the fleet's or the
   * same instance class's when the service had too few of its own) and the dates of those samples
   * alone ({@link StepEvidence}).
   */
  static String evidence(RtoForecast f) {
    if (f == null || f.steps().isEmpty()) return "-";
    return StepEvidence.of(f.service(), StepEvidence.weakest(f));
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

  /**
   * A readiness figure, as dr readiness and the page write it ({@link Ages}): 42s, 4m 10s, 2h 5m.
   */
  public static String minutes(Duration d) {
    return Ages.of(d);
  }
}
