package dev.drrunbooks.worker.ops;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import java.time.Duration;
import java.time.Instant;

/**
 * One catalog service's readiness as its {@link ReadinessGauges} show it: durations in seconds,
 * counts, and 1/0 for ready, as doubles. A figure the evaluation does not have is NaN, never 0: a
 * predicted RTO of 0 s would read as a perfect recovery, not as "insufficient evidence".
 *
 * @param evaluatedAt when the evaluation these come from checked (its workflow time); null when no
 *     completed evaluation covered the service
 * @param rtoP50Seconds the predicted RTO at the median; NaN with insufficient evidence (some step
 *     on the recovery path has too few measured samples) or no forecast
 * @param rtoP90Seconds the predicted RTO at the 90th percentile, the figure judged against the
 *     objective; NaN as for the median
 * @param rpoSeconds what a region loss would lose now: the worst of the DR region's newest recovery
 *     point age and each replicated bucket's replication latency; NaN when the database has no
 *     recovery point in the DR region or a bucket has no enabled replication rule (a failing check
 *     then says so), or nothing was measured
 * @param rtoObjectiveSeconds the catalog's RTO as the evaluation read it; NaN when unset
 * @param rpoObjectiveSeconds the catalog's RPO as the evaluation read it; NaN when unset
 * @param failingChecks how many checks did not pass (failed, or could not be read)
 * @param ready 1 when every check passed and no forecast puts the RTO at risk (as {@code dr
 *     posture} says), else 0
 */
record ReadinessGaugeValues(
    Instant evaluatedAt,
    double rtoP50Seconds,
    double rtoP90Seconds,
    double rpoSeconds,
    double rtoObjectiveSeconds,
    double rpoObjectiveSeconds,
    double failingChecks,
    double ready) {

  /** A service no completed evaluation covered: every figure NaN, its age +Inf. */
  static final ReadinessGaugeValues NONE =
      new ReadinessGaugeValues(
          null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** The service's figures in the evaluation made at {@code evaluatedAt}. */
  static ReadinessGaugeValues of(ServiceReadiness service, Instant evaluatedAt) {
    RtoForecast rto = service.rto();
    Objectives objectives = service.objectives();
    return new ReadinessGaugeValues(
        evaluatedAt,
        seconds(rto == null ? null : rto.p50()),
        seconds(rto == null ? null : rto.p90()),
        seconds(service.predictedRpo()),
        seconds(objectives == null ? null : objectives.rto()),
        seconds(objectives == null ? null : objectives.rpo()),
        service.failing().size(),
        service.ready() ? 1 : 0);
  }

  /**
   * Seconds from the evaluation to {@code now}: how stale the other figures are (a stopped schedule
   * shows as a growing age); +Inf when no evaluation covered the service; never negative (the
   * worker's clock may run behind the one that stamped the evaluation).
   */
  double ageSeconds(Instant now) {
    if (evaluatedAt == null) return Double.POSITIVE_INFINITY;
    return Math.max(0, Duration.between(evaluatedAt, now).toMillis() / 1000.0);
  }

  private static double seconds(Duration d) {
    return d == null ? Double.NaN : d.toMillis() / 1000.0;
  }
}
