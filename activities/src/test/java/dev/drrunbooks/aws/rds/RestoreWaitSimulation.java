package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.RestorePollCadence;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One restore wait simulated without sleeping: a first describe at once (or where a deferred
 * cadence puts it), then the pauses a cadence asks for, until a describe at or after the restore's
 * end sees it available.
 */
final class RestoreWaitSimulation {
  /** What one wait cost: how late it noticed the end, and its describe calls. */
  record Outcome(Duration lag, int calls) {}

  /** The pause after poll number n made at the elapsed time given. */
  interface Cadence extends BiFunction<Integer, Duration, Duration> {}

  private RestoreWaitSimulation() {}

  static Outcome wait(Duration took, Cadence cadence) {
    return wait(took, Duration.ZERO, cadence);
  }

  /** A wait whose first describe is at {@link RestorePollCadence#firstPoll}. */
  static Outcome wait(Duration took, RestorePollCadence cadence) {
    return wait(took, cadence.firstPoll(), adaptive(cadence));
  }

  private static Outcome wait(Duration took, Duration firstPoll, Cadence cadence) {
    Duration t = firstPoll;
    int calls = 1;
    while (t.compareTo(took) < 0) {
      t = t.plus(cadence.apply(calls, t));
      calls++;
    }
    return new Outcome(t.minus(took), calls);
  }

  static Cadence adaptive(RestorePollCadence cadence) {
    return cadence::pauseAfter;
  }

  /** {@code aws rds wait db-instance-available}: every 30 s. */
  static Cadence awsCli() {
    return (polls, elapsed) -> RestorePollCadence.AWS_WAIT_DELAY;
  }

  static Cadence polling(Polling polling) {
    return (polls, elapsed) -> polling.intervalAfter(polls);
  }

  /** The nearest-rank percentile of {@code values}. */
  static <T extends Comparable<T>> T percentile(List<T> values, double q) {
    List<T> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
