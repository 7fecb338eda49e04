package dev.drrunbooks.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's predicted RTO: the sum, over the steps its recovery path waits on, of what the
 * ledger's measured steps say each takes. The p90 is the sum of the steps' p90s, which is at least
 * the p90 of the sum (steps that are each slow one run in ten are rarely all slow together): a
 * conservative figure, as a promise to the business should be.
 *
 * @param objective the service's RTO objective
 * @param steps one estimate per kind on the path, in path order
 * @param p50 predicted RTO at the median; null when any step lacks evidence
 * @param p90 predicted RTO at the 90th percentile; null when any step lacks evidence
 * @param dominating the step kind that contributes most to the p90 (times it occurs on the path);
 *     null when insufficient
 * @param verdict whether the p90 meets the objective
 */
public record RtoForecast(
    String service,
    Duration objective,
    List<StepEstimate> steps,
    Duration p50,
    Duration p90,
    StepKind dominating,
    Verdict verdict) {

  /** What the forecast says of the objective. */
  public enum Verdict {
    /** The p90 is within the objective. */
    MEETS,
    /** The p90 exceeds the objective: flagged before any incident. */
    AT_RISK,
    /** Some step on the path has fewer than {@link StepEstimate#MIN_SAMPLES} samples. */
    INSUFFICIENT_EVIDENCE
  }

  /**
   * @param samples the ledger's samples of every kind on the path, of every service (the service's
   *     own are used where there are enough, else the fleet's)
   */
  public static RtoForecast of(
      String service, Duration objective, RecoveryPath path, List<StepSample> samples) {
    Map<StepKind, Integer> times = new LinkedHashMap<>();
    path.steps().forEach(k -> times.merge(k, 1, Integer::sum));
    List<StepEstimate> estimates = new ArrayList<>();
    Duration p50 = Duration.ZERO;
    Duration p90 = Duration.ZERO;
    StepKind dominating = null;
    Duration largest = Duration.ZERO;
    boolean sufficient = true;
    for (Map.Entry<StepKind, Integer> step : times.entrySet()) {
      StepEstimate e = estimate(step.getKey(), service, samples);
      estimates.add(e);
      if (!e.sufficient()) {
        sufficient = false;
        continue;
      }
      Duration contribution = e.p90().multipliedBy(step.getValue());
      p50 = p50.plus(e.p50().multipliedBy(step.getValue()));
      p90 = p90.plus(contribution);
      if (contribution.compareTo(largest) > 0) {
        largest = contribution;
        dominating = step.getKey();
      }
    }
    if (!sufficient)
      return new RtoForecast(
          service, objective, estimates, null, null, null, Verdict.INSUFFICIENT_EVIDENCE);
    Verdict verdict =
        objective != null && p90.compareTo(objective) > 0 ? Verdict.AT_RISK : Verdict.MEETS;
    return new RtoForecast(service, objective, estimates, p50, p90, dominating, verdict);
  }

  /**
   * The service's own samples of the kind when there are enough; else, for a DB restore, every
   * service's restores of the same size as the service's newest ({@link SameSize}); else every
   * service's.
   */
  static StepEstimate estimate(StepKind kind, String service, List<StepSample> samples) {
    List<StepSample> ofKind = samples.stream().filter(s -> s.kind() == kind).toList();
    List<StepSample> own = ofKind.stream().filter(s -> service.equals(s.service())).toList();
    if (own.size() >= StepEstimate.MIN_SAMPLES) return StepEstimate.of(kind, service, own);
    Optional<SameSize> size = SameSize.asNewestOf(own);
    if (size.isPresent()) {
      List<StepSample> alike = ofKind.stream().filter(size.get()::matches).toList();
      if (alike.size() >= StepEstimate.MIN_SAMPLES)
        return StepEstimate.of(kind, size.get().basis(), alike);
    }
    return StepEstimate.of(kind, StepEstimate.FLEET, ofKind);
  }
}
