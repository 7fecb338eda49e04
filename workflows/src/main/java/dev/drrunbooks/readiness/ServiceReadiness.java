package dev.drrunbooks.readiness;

import dev.drrunbooks.catalog.Objectives;
import java.time.Duration;
import java.util.List;

/**
 * One service's readiness at an evaluation: every check, and what the evidence predicts.
 *
 * @param objectives the catalog's RTO and RPO
 * @param checks every check, passing or not
 * @param predictedRpo what a region loss would lose now: the age of the DR region's newest recovery
 *     point; null for a service without a database, or none in the DR region
 * @param rto the RTO forecast from the ledger's measured steps; null until the ledger is read
 * @param restoreTrend the service's measured DB restores by month over the forecast's year, oldest
 *     first
 */
public record ServiceReadiness(
    String service,
    Objectives objectives,
    List<ReadinessCheck> checks,
    Duration predictedRpo,
    RtoForecast rto,
    List<MonthlyDuration> restoreTrend) {

  public ServiceReadiness {
    checks = checks == null ? List.of() : List.copyOf(checks);
    restoreTrend = restoreTrend == null ? List.of() : List.copyOf(restoreTrend);
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
