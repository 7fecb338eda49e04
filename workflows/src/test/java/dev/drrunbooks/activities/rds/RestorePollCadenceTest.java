package dev.drrunbooks.activities.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The restore wait's cadence: its shape, and the describe budget it never exceeds. */
class RestorePollCadenceTest {
  private static final RestoreExpectation TEN_MINUTES =
      new RestoreExpectation(
          Duration.ofSeconds(528), Duration.ofSeconds(600), Duration.ofSeconds(682), 20, "test");

  /**
   * The poll times (milliseconds after the wait began) until {@code took} is seen, the first at
   * {@link RestorePollCadence#firstPoll} (0 unless deferred).
   */
  private static List<Long> polls(RestorePollCadence cadence, Duration took) {
    List<Long> at = new ArrayList<>();
    Duration t = cadence.firstPoll();
    at.add(t.toMillis());
    while (t.compareTo(took) < 0) {
      t = t.plus(cadence.pauseAfter(at.size(), t));
      at.add(t.toMillis());
    }
    return at;
  }

  @Test
  void theAwsCliCountIsOnePlusOnePer30SecondsStarted() {
    assertEquals(1, RestorePollCadence.awsWaitCalls(Duration.ZERO));
    assertEquals(2, RestorePollCadence.awsWaitCalls(Duration.ofSeconds(1)));
    assertEquals(2, RestorePollCadence.awsWaitCalls(Duration.ofSeconds(30)));
    assertEquals(3, RestorePollCadence.awsWaitCalls(Duration.ofMillis(30_001)));
    assertEquals(21, RestorePollCadence.awsWaitCalls(Duration.ofMinutes(10)));
  }

  @Test
  void neverMoreCallsThanTheAwsCliForAnyDurationWhateverTheExpectation() {
    for (RestoreExpectation expected :
        List.of(
            TEN_MINUTES,
            RestoreDurationDefaults.forClass("db.t3.micro"),
            RestoreExpectation.around(Duration.ofSeconds(20), 0.8, 1.2, "short"),
            RestoreExpectation.around(Duration.ofMinutes(40), 0.9, 1.1, "long"))) {
      for (RestorePollCadence cadence :
          List.of(RestorePollCadence.of(expected), RestorePollCadence.deferred(expected))) {
        for (int s = 1; s <= 3600; s += 7) {
          Duration took = Duration.ofSeconds(s);
          int calls = polls(cadence, took).size();
          int aws = RestorePollCadence.awsWaitCalls(took);
          assertTrue(calls <= aws, cadence + ", " + s + " s: " + calls + " > " + aws);
        }
      }
    }
  }

  @Test
  void pollNumberKIsNeverBeforeTheCliPollNumberK() {
    for (RestorePollCadence cadence :
        List.of(RestorePollCadence.of(TEN_MINUTES), RestorePollCadence.deferred(TEN_MINUTES))) {
      List<Long> at = polls(cadence, Duration.ofMinutes(20));
      for (int k = 1; k <= at.size(); k++)
        assertTrue(at.get(k - 1) >= 30_000L * (k - 1), "poll " + k + " at " + at.get(k - 1));
    }
  }

  /**
   * A restore expected within the CLI's first 30 s (the sandbox's 20 s): the budget allows one
   * describe before 30 s. Described at once, the wait can next look at 30 s (10 s late for a 20 s
   * restore); deferred, its one look is halfway from the median to the late end.
   */
  @Test
  void aDeferredWaitSpendsItsOneDescribeBefore30SecondsBetweenTheMedianAndTheLateEnd() {
    RestoreExpectation twentySeconds =
        RestoreExpectation.around(Duration.ofSeconds(20), 0.8, 1.2, "sandbox");

    RestorePollCadence atOnce = RestorePollCadence.of(twentySeconds);
    assertEquals(List.of(0L, 30_000L), polls(atOnce, Duration.ofSeconds(20)));

    RestorePollCadence deferred = RestorePollCadence.deferred(twentySeconds);
    assertEquals(Duration.ofSeconds(22), deferred.firstPoll());
    assertEquals(List.of(22_000L), polls(deferred, Duration.ofSeconds(20)), "one describe");
    assertEquals(List.of(22_000L, 30_000L), polls(deferred, Duration.ofSeconds(23)));
  }

  /**
   * A long restore, deferred: the first describe at E/2 (then E), and the one saved widens the
   * dense window or leaves it as wide, never narrower.
   */
  @Test
  void aDeferredWaitOfALongRestorePollsFirstAtHalfThePlausibleEarliestEnd() {
    RestorePollCadence atOnce = RestorePollCadence.of(TEN_MINUTES);
    RestorePollCadence deferred = RestorePollCadence.deferred(TEN_MINUTES);

    assertEquals(Duration.ZERO, atOnce.firstPoll());
    assertEquals(Duration.ofSeconds(246), deferred.firstPoll());
    assertEquals(
        List.of(246_000L, 492_000L), polls(deferred, Duration.ofMinutes(30)).subList(0, 2));
    assertTrue(
        deferred.denseFrom().compareTo(atOnce.denseFrom()) <= 0,
        deferred.denseFrom() + " vs " + atOnce.denseFrom());
    assertTrue(deferred.denseUntil().compareTo(atOnce.denseUntil()) >= 0);
  }

  /**
   * A spread so wide the plausible earliest end is 0: a wait that describes at once paces every 30
   * s, as the CLI, until the dense window (there is nothing before E to skip).
   */
  @Test
  void anAtOnceWaitWhosePlausibleEarliestEndIsZeroPacesEvery30SecondsUntilTheDenseWindow() {
    RestoreExpectation wide =
        new RestoreExpectation(
            Duration.ofSeconds(30), Duration.ofSeconds(100), Duration.ofSeconds(150), 20, "wide");
    RestorePollCadence atOnce = RestorePollCadence.of(wide);

    assertEquals(Duration.ZERO, atOnce.plausibleEarliest());
    assertTrue(atOnce.denseFrom().compareTo(Duration.ofSeconds(60)) > 0, atOnce.toString());
    assertEquals(List.of(0L, 30_000L, 60_000L), polls(atOnce, Duration.ofMinutes(5)).subList(0, 3));
  }

  /**
   * Plausible earliest end under 30 s but a late end past it: no polls before the dense window,
   * whose start is the first describe.
   */
  @Test
  void aDeferredWaitWithAnEarlyEndUnder30SecondsButALateOnePastItBeginsAtTheDenseWindow() {
    RestoreExpectation wide =
        new RestoreExpectation(
            Duration.ofSeconds(30), Duration.ofSeconds(50), Duration.ofSeconds(70), 20, "wide");
    RestorePollCadence deferred = RestorePollCadence.deferred(wide);

    assertEquals(Duration.ofSeconds(20), deferred.plausibleEarliest());
    assertEquals(deferred.denseFrom(), deferred.firstPoll());
    assertTrue(deferred.toString().startsWith("first poll at " + deferred.denseFrom()));
  }

  @Test
  void sparseBeforeThePlausibleEarliestEndDenseAcrossTheWindowThenCappedBackoff() {
    RestorePollCadence cadence = RestorePollCadence.of(TEN_MINUTES);
    // E = 600 - 1.5 x (600 - 528) = 492 s
    assertEquals(Duration.ofSeconds(492), cadence.plausibleEarliest());
    List<Long> at = polls(cadence, Duration.ofMinutes(30));
    assertEquals(List.of(0L, 246_000L, 492_000L), at.subList(0, 3), "only E/2 and E before E");
    long from = cadence.denseFrom().toMillis();
    long until = cadence.denseUntil().toMillis();
    assertTrue(from > 492_000 && from < 600_000, "dense from " + from);
    assertTrue(until >= 682_000, "dense until " + until + ", at least the p90");
    List<Long> gaps =
        IntStream.range(1, at.size())
            .filter(i -> at.get(i - 1) >= from && at.get(i) <= 600_000)
            .mapToObj(i -> at.get(i) - at.get(i - 1))
            .toList();
    assertFalse(gaps.isEmpty());
    assertTrue(gaps.stream().allMatch(g -> g == 6_000), "every 6 s up to the median: " + gaps);
    List<Long> after =
        IntStream.range(1, at.size())
            .filter(i -> at.get(i - 1) >= until)
            .mapToObj(i -> at.get(i) - at.get(i - 1))
            .toList();
    assertTrue(after.stream().allMatch(g -> g <= 30_000), "capped at 30 s: " + after);
    assertEquals(30_000L, after.get(after.size() - 1));
  }

  @Test
  void pastTheWindowThePauseGrowsFromSixSecondsByHalfTheTimeSince() {
    RestorePollCadence cadence = RestorePollCadence.of(TEN_MINUTES);
    Duration until = cadence.denseUntil();
    // one poll made: plenty of budget, the wish decides
    assertEquals(Duration.ofSeconds(6), cadence.pauseAfter(1, until));
    assertEquals(Duration.ofSeconds(11), cadence.pauseAfter(1, until.plusSeconds(10)));
    assertEquals(Duration.ofSeconds(30), cadence.pauseAfter(1, until.plusSeconds(48)));
    assertEquals(Duration.ofSeconds(30), cadence.pauseAfter(1, until.plusSeconds(600)));
  }

  @Test
  void theBudgetDelaysAPollTheCadenceWouldMakeSooner() {
    RestorePollCadence cadence = RestorePollCadence.of(TEN_MINUTES);
    Duration inWindow = cadence.denseFrom().plusSeconds(1);
    assertEquals(Duration.ofSeconds(6), cadence.pauseAfter(3, inWindow));
    // the 41st poll may not come before 1200 s
    assertEquals(Duration.ofSeconds(1200).minus(inWindow), cadence.pauseAfter(40, inWindow));
  }

  @Test
  void aPauseIsAtLeastASecondAndElapsedBelowZeroCountsAsZero() {
    RestorePollCadence cadence = RestorePollCadence.of(TEN_MINUTES);
    Duration justBefore = cadence.plausibleEarliest().minusMillis(10);
    assertEquals(Duration.ofSeconds(1), cadence.pauseAfter(2, justBefore));
    assertEquals(Duration.ofSeconds(246), cadence.pauseAfter(1, Duration.ofSeconds(-5)));
    assertEquals(Duration.ofSeconds(246), cadence.pauseAfter(0, Duration.ZERO));
  }

  @Test
  void theDenseHalfWidthIsWhatTheSavedPollsPayFor() {
    // E = 492 s, median 600 s: at 600 - w the CLI has made 1 + floor((600 - w) / 30) polls, this
    // cadence 3 + ceil((108 - w) / 30); a poll every 6 s over 2w costs ceil(2w / 6)
    long w = RestorePollCadence.denseHalfWidth(492_000, 600_000) / 1000;
    long credit = (1 + (600 - w) / 30) - (3 + (108 - w + 29) / 30) + (2 * w) / 30;
    assertTrue((2 * w + 5) / 6 <= credit, "w " + w + " affordable");
    long w1 = w + 1;
    long credit1 = (1 + (600 - w1) / 30) - (3 + (108 - w1 + 29) / 30) + (2 * w1) / 30;
    assertTrue((2 * w1 + 5) / 6 > credit1 || 600 - w1 < 492, "w + 1 not affordable");
    assertEquals(0, RestorePollCadence.denseHalfWidth(600_000, 600_000));
  }

  @Test
  void withoutSpreadThereIsNoSparsePhase() {
    RestorePollCadence cadence =
        RestorePollCadence.of(
            new RestoreExpectation(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, "none"));
    assertEquals(Duration.ZERO, cadence.plausibleEarliest());
    assertEquals(Duration.ofSeconds(30), cadence.pauseAfter(1, Duration.ZERO));
    assertTrue(cadence.toString().contains("none"), cadence.toString());
  }

  @Test
  void expectationsFromSamplesTakeNearestRankPercentilesAndNeedFive() {
    List<Duration> four =
        List.of(
            Duration.ofMinutes(9),
            Duration.ofMinutes(10),
            Duration.ofMinutes(11),
            Duration.ofMinutes(12));
    assertTrue(RestoreExpectation.fromSamples(four, "x").isEmpty());
    List<Duration> ten =
        IntStream.rangeClosed(1, 10).mapToObj(i -> Duration.ofMinutes(11 - i)).toList();
    RestoreExpectation e = RestoreExpectation.fromSamples(ten, "ten").orElseThrow();
    assertEquals(Duration.ofMinutes(1), e.early());
    assertEquals(Duration.ofMinutes(5), e.median());
    assertEquals(Duration.ofMinutes(9), e.late());
    assertEquals(10, e.samples());
    assertTrue(e.measured());
    assertFalse(RestoreDurationDefaults.forClass(null).measured());
  }

  @Test
  void anExpectationOutOfOrderIsRefused() {
    Duration one = Duration.ofMinutes(1);
    Duration two = Duration.ofMinutes(2);
    assertThrows(
        IllegalArgumentException.class, () -> new RestoreExpectation(two, one, two, 0, ""));
    assertThrows(
        IllegalArgumentException.class, () -> new RestoreExpectation(one, two, one, 0, ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RestoreExpectation(one.negated(), one, two, 0, ""));
    assertThrows(
        IllegalArgumentException.class, () -> new RestoreExpectation(null, one, two, 0, ""));
  }

  @Test
  void classDefaultsGrowWithTheClassSize() {
    assertEquals(Duration.ofMinutes(8), RestoreDurationDefaults.forClass("db.t3.micro").median());
    assertEquals(Duration.ofMinutes(8), RestoreDurationDefaults.forClass("db.t4g.small").median());
    assertEquals(Duration.ofMinutes(10), RestoreDurationDefaults.forClass("db.t3.medium").median());
    assertEquals(Duration.ofMinutes(10), RestoreDurationDefaults.forClass("db.r6g.large").median());
    assertEquals(
        Duration.ofMinutes(12), RestoreDurationDefaults.forClass("db.r6g.xlarge").median());
    assertEquals(
        Duration.ofMinutes(12), RestoreDurationDefaults.forClass("db.m5.2xlarge").median());
    assertEquals(
        Duration.ofMinutes(15), RestoreDurationDefaults.forClass("db.r6g.16xlarge").median());
    assertEquals(Duration.ofMinutes(10), RestoreDurationDefaults.forClass("db.x.odd").median());
    RestoreExpectation none = RestoreDurationDefaults.forClass(null);
    assertEquals(Duration.ofMinutes(10), none.median());
    assertEquals(Duration.ofMinutes(6), none.early());
    assertEquals(Duration.ofMinutes(16), none.late());
    assertEquals("default for an unknown class (no evidence)", none.basis());
    assertEquals(
        "default for db.t3.micro (no evidence)",
        RestoreDurationDefaults.forClass("db.t3.micro").basis());
  }
}
