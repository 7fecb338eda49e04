package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.aws.rds.ExpectedRestoreDurations;
import dev.drrunbooks.readiness.StepKind;
import dev.drrunbooks.readiness.StepSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore durations measured in the evidence ledger: every succeeded "wait until X is available"
 * step of the last year ({@link StepKind#RDS_RESTORE}, as readiness's forecast reads them), read
 * through {@link LedgerQueryActivitiesImpl#stepSamples} and kept for {@link #KEPT_FOR}, so a fleet
 * of waits costs one query every few minutes. With fewer than the forecast's minimum of samples, no
 * ledger, or a ledger that cannot be read now (logged), the {@code fallback} answers.
 *
 * <p>Restores of the same instance class are used when there are enough of them (the ledger keeps
 * the class of restores recorded since V3__run_steps_instance_size), else every restore's.
 */
public final class LedgerRestoreDurations implements ExpectedRestoreDurations {
  private static final Logger log = LoggerFactory.getLogger(LedgerRestoreDurations.class);

  /** How long one read of the ledger is used. */
  public static final Duration KEPT_FOR = Duration.ofMinutes(5);

  /** How far back samples count: a year of drills and validations. */
  public static final Duration LOOKBACK = Duration.ofDays(365);

  private final LedgerQueryActivitiesImpl ledger;
  private final ExpectedRestoreDurations fallback;
  private final Clock clock;
  private List<StepSample> samples = List.of();
  private Instant readAt;

  public LedgerRestoreDurations(
      LedgerQueryActivitiesImpl ledger, ExpectedRestoreDurations fallback, Clock clock) {
    this.ledger = ledger;
    this.fallback = fallback;
    this.clock = clock;
  }

  @Override
  public RestoreExpectation expectedFor(String instanceClass) {
    List<StepSample> restores = samples();
    List<Duration> sameClass =
        restores.stream()
            .filter(s -> s.size() != null && s.size().instanceClass().equals(instanceClass))
            .map(StepSample::took)
            .toList();
    List<Duration> all = restores.stream().map(StepSample::took).toList();
    return RestoreExpectation.fromSamples(
            sameClass,
            "ledger: "
                + sameClass.size()
                + " RDS restores of "
                + instanceClass
                + " in the last year")
        .or(
            () ->
                RestoreExpectation.fromSamples(
                    all, "ledger: " + all.size() + " RDS restores of the last year"))
        .orElseGet(() -> fallback.expectedFor(instanceClass));
  }

  private synchronized List<StepSample> samples() {
    Instant now = clock.instant();
    if (readAt != null && now.isBefore(readAt.plus(KEPT_FOR))) return samples;
    readAt = now;
    try {
      samples =
          ledger.stepSamples(now.minus(LOOKBACK)).stream()
              .filter(s -> s.kind() == StepKind.RDS_RESTORE)
              .toList();
    } catch (RuntimeException e) {
      // Kept for KEPT_FOR too: an unreachable ledger is not asked again by every poll.
      log.warn(
          "restore durations: the ledger cannot be read now ({}); waits expect the defaults"
              + " or the last durations read",
          e.getMessage());
    }
    return samples;
  }
}
