package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.activities.rds.RestorePollCadence;
import dev.drrunbooks.aws.PollPacing;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * One restore wait's pacing: {@link RestorePollCadence} for the instance's class, chosen at the
 * first poll that describes the instance (its class is known from then), with the time counted from
 * {@code waitBegan}. One instance per wait: it keeps the cadence it chose.
 */
final class AdaptiveRestorePacing implements PollPacing<DBInstance> {
  private static final Logger log = LoggerFactory.getLogger(AdaptiveRestorePacing.class);

  private final ExpectedRestoreDurations expected;
  private final UnaryOperator<RestoreExpectation> adjust;
  private final Instant waitBegan;
  private final String subject;
  private RestorePollCadence cadence;
  private boolean deferred;

  /**
   * @param adjust applied to the expectation found (the sandbox replaces an unmeasured one with its
   *     emulated provisioning time)
   * @param waitBegan when the wait was first scheduled (stable across retries)
   */
  AdaptiveRestorePacing(
      ExpectedRestoreDurations expected,
      UnaryOperator<RestoreExpectation> adjust,
      Instant waitBegan,
      String subject) {
    this.expected = expected;
    this.adjust = adjust;
    this.waitBegan = waitBegan;
    this.subject = subject;
  }

  /**
   * The pacing of a wait for an instance just restored as {@code instanceClass} (the restore call
   * answered it): its cadence is {@link RestorePollCadence#deferred}, chosen now, and its first
   * attempt describes nothing ({@link #pauseBeforeFirstPoll}).
   *
   * @param instanceClass null when the restore's answer did not say (the default for no class)
   */
  static AdaptiveRestorePacing deferred(
      ExpectedRestoreDurations expected,
      UnaryOperator<RestoreExpectation> adjust,
      Instant waitBegan,
      String subject,
      String instanceClass) {
    AdaptiveRestorePacing pacing = new AdaptiveRestorePacing(expected, adjust, waitBegan, subject);
    pacing.cadence = RestorePollCadence.deferred(adjust.apply(expected.expectedFor(instanceClass)));
    pacing.deferred = true;
    return pacing;
  }

  @Override
  public Optional<Duration> pauseBeforeFirstPoll(Instant now) {
    if (!deferred) return Optional.empty();
    Duration due = cadence.firstPoll().minus(elapsed(now));
    return Optional.of(due.isNegative() ? Duration.ZERO : due);
  }

  @Override
  public Duration pauseAfter(int polls, DBInstance seen, Instant now) {
    if (cadence == null) {
      // A failed first describe leaves the class unknown; the default for no class then holds.
      cadence =
          RestorePollCadence.of(
              adjust.apply(expected.expectedFor(seen == null ? null : seen.dbInstanceClass())));
      log.info("waiting for {}: {}", subject, cadence);
    }
    return cadence.pauseAfter(polls, elapsed(now));
  }

  private Duration elapsed(Instant now) {
    Duration elapsed = Duration.between(waitBegan, now);
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }

  /** For logs: the cadence, or that none is chosen yet. */
  @Override
  public String toString() {
    return cadence == null ? "cadence chosen at the first describe" : cadence.toString();
  }

  /** The cadence chosen, null before the first pause. */
  RestorePollCadence cadence() {
    return cadence;
  }
}
