package dev.drrunbooks.readiness;

/** An RTO forecast in one line for people. */
final class RtoForecasts {
  private RtoForecasts() {}

  static String describe(RtoForecast f) {
    if (f.verdict() == RtoForecast.Verdict.INSUFFICIENT_EVIDENCE) {
      StringBuilder missing = new StringBuilder();
      for (StepEstimate e : f.steps())
        if (!e.sufficient())
          missing
              .append(missing.isEmpty() ? "" : ", ")
              .append(e.kind().title())
              .append(" (")
              .append(e.samples())
              .append(" sample(s))");
      return "predicted RTO: insufficient evidence, fewer than "
          + StepEstimate.MIN_SAMPLES
          + " measured "
          + missing;
    }
    return "predicted RTO p50 "
        + Ages.of(f.p50())
        + ", p90 "
        + Ages.of(f.p90())
        + " against "
        + Ages.of(f.objective())
        + (f.verdict() == RtoForecast.Verdict.AT_RISK ? ": AT RISK" : ": meets it")
        + "; dominated by "
        + f.dominating().title();
  }
}
