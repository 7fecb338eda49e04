package dev.drrunbooks.aws.rds;

import java.time.Duration;

/**
 * How often a wait polls: {@code initialInterval} after the first poll, doubling after each poll up
 * to {@code maxInterval}. The run's deadline, not a number of attempts, ends the wait.
 */
public record Polling(Duration initialInterval, Duration maxInterval) {
  /**
   * 2 s, 4 s, 8 s, 16 s, then every 30 s: RDS restores take minutes, so this costs at most 30 s of
   * RTO.
   */
  public static final Polling DEFAULT = new Polling(Duration.ofSeconds(2), Duration.ofSeconds(30));

  public Polling {
    if (initialInterval == null || initialInterval.isNegative() || initialInterval.isZero()) {
      throw new IllegalArgumentException(
          "initialInterval must be positive, was " + initialInterval);
    }
    if (maxInterval == null || maxInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException(
          "maxInterval must be at least initialInterval ("
              + initialInterval
              + "), was "
              + maxInterval);
    }
  }

  /** The pause after {@code polls} polls (1 = after the first): initial * 2^(polls-1), capped. */
  public Duration intervalAfter(int polls) {
    int doublings = Math.max(0, Math.min(polls - 1, 30));
    Duration d = initialInterval;
    for (int i = 0; i < doublings && d.compareTo(maxInterval) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(maxInterval) > 0 ? maxInterval : d;
  }
}
