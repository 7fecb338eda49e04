package dev.drrunbooks.activities.rds;

import java.time.Duration;

/**
 * When to describe a restoring DB instance next: sparse while it cannot plausibly be ready, dense
 * across the window its expected duration says it will most likely be ready in, then a capped
 * backoff; never more describe calls than {@code aws rds wait db-instance-available} makes for the
 * same restore. Pure and deterministic (no clock, no randomness): the time is an argument, so an
 * activity and workflow code (durable timers) can both use it.
 *
 * <p><b>The yardstick.</b> The CLI's waiter (botocore's {@code rds/2014-10-31/waiters-2.json},
 * DBInstanceAvailable: delay 30, maxAttempts 60, operation DescribeDBInstances) describes at once
 * and then every 30 s, so a restore that takes T is noticed at the next multiple of 30 s after T
 * (lag uniform in 0..30 s, median 15 s) after {@link #awsWaitCalls ceil(T/30)+1} calls.
 *
 * <p><b>The budget, per wait.</b> Poll number k (1-based, counted from the wait's start) is never
 * made before the CLI's poll number k, i.e. before 30 x (k-1) s. Then, for a restore that ends at
 * any T, the poll that sees it available is at most poll 1 + ceil(T/30): this cadence never makes
 * more calls than the CLI for the same T, whatever the expectation said. Polls skipped early are
 * credit, spent later where they buy the most.
 *
 * <p><b>The shape.</b> With the expectation's p10 (early), median (m) and p90 (late):
 *
 * <ol>
 *   <li>plausible earliest end E = m - 1.5 x (m - early) (about the 3rd percentile of a lognormal
 *       spread): before E only two polls, at E/2 and at E (besides the first, at once);
 *   <li>from E to the dense window, every 30 s, as the CLI;
 *   <li>the dense window [m - w, max(m + w, late)], one poll every {@value #DENSE_SECONDS} s
 *       (detection lag under 6 s, median 3 s, for restores ending there) where w is the largest
 *       half-width the credit saved before m - w pays for: polls every 6 s from m - w to m + w
 *       minus the 30 s pace earned meanwhile. Past m + w the budget, not the wish, sets the pace;
 *   <li>after it, pauses growing from 6 s by half the time since the window, capped at 30 s (the
 *       CLI's lag), never past the deadline (the caller's clamp).
 * </ol>
 *
 * <p><b>The first describe.</b> The CLI's first describe, at once, can only see what the restore
 * call already answered ("creating"). A {@link #deferred} wait skips it and spends it later: for a
 * restore expected within 30 s that is the difference between a 10 s lag and a 2 s one, since the
 * budget allows one describe before 30 s.
 *
 * <p>Simulated (RestoreWaitBenchmark) for lognormal restore times of 8-12 min with sigma 0.1, this
 * detects with a median lag of about 4 s with about 70% of the CLI's calls; a wider spread (sigma
 * 0.2) cannot be covered densely on the CLI's budget and its median lag is about 10 s.
 */
public final class RestorePollCadence {
  /** The CLI waiter's delay between describes (botocore rds waiters-2.json DBInstanceAvailable). */
  public static final Duration AWS_WAIT_DELAY = Duration.ofSeconds(30);

  static final long DENSE_SECONDS = 6;
  static final Duration DENSE = Duration.ofSeconds(DENSE_SECONDS);
  static final Duration CAP = AWS_WAIT_DELAY;

  /** How many (median - p10) spans before the median a restore can plausibly end. */
  static final double EARLIEST_SPREAD = 1.5;

  /** The shortest pause, so a caller's rounding never turns into a busy loop. */
  static final Duration MIN_PAUSE = Duration.ofSeconds(1);

  private final long earliestMs;
  private final long denseFromMs;
  private final long denseUntilMs;
  private final RestoreExpectation expectation;
  private final Start start;

  /**
   * Where the wait's polls begin: whether it describes at once, whether it polls at E/2 and E, and
   * whether it polls every 30 s from E to the dense window (else its next poll is the window's).
   */
  private record Start(boolean atOnce, boolean earlyPolls, boolean paced) {
    /** Polls made before {@code atMs}: the first (at once), E/2, E, then one per 30 s to it. */
    long pollsBefore(long earliestMs, long atMs) {
      long first = atOnce ? 1 : 0;
      long early = earlyPolls ? 2 : 0;
      long pacedPolls = paced ? ceilDiv(atMs - earliestMs, AWS_WAIT_DELAY.toMillis()) : 0;
      return first + early + pacedPolls;
    }
  }

  private RestorePollCadence(
      RestoreExpectation expectation,
      Start start,
      long earliestMs,
      long denseFromMs,
      long denseUntilMs) {
    this.expectation = expectation;
    this.start = start;
    this.earliestMs = earliestMs;
    this.denseFromMs = denseFromMs;
    this.denseUntilMs = denseUntilMs;
  }

  /**
   * The cadence for a restore expected to take {@code expected}, whose wait describes at once (the
   * heartbeating wait, and per-attempt waits of runs begun before {@link #deferred}).
   */
  public static RestorePollCadence of(RestoreExpectation expected) {
    long earliest = earliest(expected);
    return shaped(expected, new Start(true, earliest > 0, true), earliest);
  }

  /**
   * The cadence of a wait that does not describe at once (the restore call's answer was the look at
   * once): its first describe is at {@link #firstPoll()}. The describe it saves buys a poll where
   * it counts; for a restore expected within the CLI's first 30 s it is the only describe the
   * budget allows before 30 s, so it goes between the median and the late end, not at the start.
   * Polls at E/2 and E only when E is at least 30 s (before that they would spend that one poll).
   */
  public static RestorePollCadence deferred(RestoreExpectation expected) {
    long earliest = earliest(expected);
    boolean early = earliest >= AWS_WAIT_DELAY.toMillis();
    return shaped(expected, new Start(false, early, early), earliest);
  }

  private static long earliest(RestoreExpectation expected) {
    long median = expected.median().toMillis();
    long spread = median - expected.early().toMillis();
    return Math.max(0, median - Math.round(EARLIEST_SPREAD * spread));
  }

  private static RestorePollCadence shaped(
      RestoreExpectation expected, Start start, long earliest) {
    long median = expected.median().toMillis();
    long halfWidth = denseHalfWidth(start, earliest, median);
    return new RestorePollCadence(
        expected,
        start,
        earliest,
        median - halfWidth,
        Math.max(median + halfWidth, expected.late().toMillis()));
  }

  /** {@link #denseHalfWidth(Start, long, long)} of a wait that describes at once. */
  static long denseHalfWidth(long earliestMs, long medianMs) {
    return denseHalfWidth(new Start(true, earliestMs > 0, true), earliestMs, medianMs);
  }

  /**
   * The widest half-width w (whole seconds) such that the polls saved before m - w pay for a poll
   * every {@link #DENSE} from m - w to m + w: those polls, at most the budget at m - w (the CLI's
   * count there minus the polls made before) plus the CLI's count over the window.
   */
  private static long denseHalfWidth(Start start, long earliestMs, long medianMs) {
    long best = 0;
    for (long w = 1; medianMs - w * 1000 >= earliestMs; w++) {
      long from = medianMs - w * 1000;
      long needed = ceilDiv(2 * w, DENSE_SECONDS);
      long credit = awsPollsBy(from) - start.pollsBefore(earliestMs, from) + (2 * w) / 30;
      if (needed > credit) break;
      best = w;
    }
    return best * 1000;
  }

  /**
   * When the first describe is, counted from the wait's start: at once ({@link #of}); for a {@link
   * #deferred} wait, at E/2 when it polls early; else, when the late end is within the CLI's first
   * 30 s (one describe there at most), halfway from the median to the late end (most restores end
   * before it, and those after it are seen at 30 s as by the CLI); else at the dense window's
   * start.
   */
  public Duration firstPoll() {
    if (start.atOnce()) return Duration.ZERO;
    if (start.earlyPolls()) return Duration.ofMillis(earliestMs / 2);
    long median = expectation.median().toMillis();
    long late = expectation.late().toMillis();
    if (late < AWS_WAIT_DELAY.toMillis()) return Duration.ofMillis(median + (late - median) / 2);
    return Duration.ofMillis(denseFromMs);
  }

  /** How many polls the CLI has made by {@code ms} after its start: 1 + floor(ms / 30 s). */
  private static long awsPollsBy(long ms) {
    return 1 + ms / AWS_WAIT_DELAY.toMillis();
  }

  /**
   * The pause after poll number {@code polls} (1 = the first describe, at once or at {@link
   * #firstPoll}), made {@code elapsed} after the wait began (the restore call, or as near to it as
   * the caller knows).
   */
  public Duration pauseAfter(int polls, Duration elapsed) {
    long t = Math.max(0, elapsed.toMillis());
    long next = wished(t);
    // Poll number polls + 1 no earlier than the CLI's: at 30 s x polls.
    long budget = AWS_WAIT_DELAY.toMillis() * Math.max(1, polls);
    long pause = Math.max(next, budget) - t;
    return Duration.ofMillis(Math.max(pause, MIN_PAUSE.toMillis()));
  }

  /** When the next poll would be, were there no budget. */
  private long wished(long t) {
    long pace = AWS_WAIT_DELAY.toMillis();
    if (start.earlyPolls()) {
      if (t < earliestMs / 2) return earliestMs / 2;
      if (t < earliestMs) return earliestMs;
    }
    if (t < denseFromMs) return start.paced() ? Math.min(denseFromMs, t + pace) : denseFromMs;
    if (t < denseUntilMs) return t + DENSE.toMillis();
    long backoff = DENSE.toMillis() + (t - denseUntilMs) / 2;
    return t + Math.min(backoff, CAP.toMillis());
  }

  /** The describe calls {@code aws rds wait} makes for a restore that takes {@code took}. */
  public static int awsWaitCalls(Duration took) {
    long ms = Math.max(0, took.toMillis());
    return (int) (1 + ceilDiv(ms, AWS_WAIT_DELAY.toMillis()));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  public RestoreExpectation expectation() {
    return expectation;
  }

  /** Before this no restore is expected: only two polls (E/2 and E). */
  public Duration plausibleEarliest() {
    return Duration.ofMillis(earliestMs);
  }

  public Duration denseFrom() {
    return Duration.ofMillis(denseFromMs);
  }

  public Duration denseUntil() {
    return Duration.ofMillis(denseUntilMs);
  }

  /** For logs: "first poll at 4m30s, sparse until 9m, dense 9m22s..10m38s (median 10m, ...)". */
  @Override
  public String toString() {
    return "first poll at "
        + firstPoll()
        + ", sparse until "
        + plausibleEarliest()
        + ", dense "
        + denseFrom()
        + ".."
        + denseUntil()
        + " (median "
        + expectation.median()
        + ", "
        + expectation.basis()
        + ")";
  }
}
