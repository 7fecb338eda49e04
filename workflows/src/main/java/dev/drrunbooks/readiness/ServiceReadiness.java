package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.Objectives;
import java.time.Duration;
import java.util.List;

/**
 * One service's readiness at an evaluation: every check, and what the evidence predicts.
 *
 * @param objectives the catalog's RTO and RPO
 * @param checks every check, passing or not
 * @param predictedRpo what a region loss would lose now: the worst of the age of the DR region's
 *     newest database recovery point and each replicated bucket's measured replication latency
 *     ({@link PredictedRpo}; runs before the bucket check: the database's age only); null when the
 *     database has no recovery point in the DR region, a bucket has no enabled replication rule, or
 *     nothing was measured
 * @param rto the RTO forecast from the ledger's measured steps; null until the ledger is read
 * @param restoreTrend the service's measured DB restores by month over the forecast's year, oldest
 *     first
 * @param predictedRpoBasis what decided the predicted RPO, for people: "DR recovery point 19s old
 *     (snapshot X)", "bucket B: replication latency 42s", or, when it is null, each copy the DR
 *     region lacks ("bucket B: no replication rule R", "no DR recovery point in eu-central-1");
 *     null in evaluations made before it was kept
 */
public record ServiceReadiness(
    String service,
    Objectives objectives,
    List<ReadinessCheck> checks,
    Duration predictedRpo,
    RtoForecast rto,
    List<MonthlyDuration> restoreTrend,
    String predictedRpoBasis) {

  public ServiceReadiness {
    checks = checks == null ? List.of() : List.copyOf(checks);
    restoreTrend = restoreTrend == null ? List.of() : List.copyOf(restoreTrend);
  }

  /** Without the predicted RPO's basis (as evaluations before it was kept read). */
  public ServiceReadiness(
      String service,
      Objectives objectives,
      List<ReadinessCheck> checks,
      Duration predictedRpo,
      RtoForecast rto,
      List<MonthlyDuration> restoreTrend) {
    this(service, objectives, checks, predictedRpo, rto, restoreTrend, null);
  }

  /**
   * The predicted RPO and what decided it, in one phrase: "42s (bucket B: replication latency
   * 42s)", "no figure (bucket B: no replication rule R)"; an evaluation made before the basis was
   * kept shows the figure alone, or "no DR copy".
   */
  public String predictedRpoText() {
    if (predictedRpoBasis == null)
      return predictedRpo == null ? "no DR copy" : Ages.of(predictedRpo);
    return (predictedRpo == null ? "no figure" : Ages.of(predictedRpo))
        + " ("
        + predictedRpoBasis
        + ")";
  }

  /** The checks it is not ready for. */
  public List<ReadinessCheck> failing() {
    return checks.stream().filter(ReadinessCheck::failing).toList();
  }

  /** Ready: every check passes and no forecast says the RTO is at risk. */
  public boolean ready() {
    return failing().isEmpty() && (rto == null || rto.verdict() != RtoForecast.Verdict.AT_RISK);
  }
}
