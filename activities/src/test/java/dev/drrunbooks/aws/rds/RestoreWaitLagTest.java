package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.activities.rds.RestorePollCadence;
import dev.drrunbooks.aws.rds.RestoreWaitSimulation.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's target on a fixed set of restore times, simulated (no sleeping): with the ledger's
 * evidence the adaptive cadence notices a restore with a median lag of at most 5 s, and no wait
 * makes more describe calls than {@code aws rds wait} would for the same duration.
 */
class RestoreWaitLagTest {
  /** 40 restores around 10 min (lognormal, sigma 0.1, seed 16; rounded to the second). */
  private static final List<Duration> RESTORES =
      IntStream.of(
              612, 566, 648, 590, 603, 541, 676, 597, 622, 585, 559, 631, 604, 571, 689, 594, 616,
              528, 607, 652, 583, 599, 637, 562, 610, 595, 668, 578, 601, 625, 549, 613, 587, 640,
              606, 574, 619, 592, 700, 555)
          .mapToObj(Duration::ofSeconds)
          .toList();

  /** The first 20 as the ledger's evidence. */
  private static final RestoreExpectation LEDGER =
      RestoreExpectation.fromSamples(RESTORES.subList(0, 20), "ledger").orElseThrow();

  /** Both cadences: the wait that describes at once, and the deferred one. */
  @Test
  void medianLagIsAtMostFiveSecondsWithinTheAwsCliCallsOfEachWait() {
    for (RestorePollCadence cadence :
        List.of(RestorePollCadence.of(LEDGER), RestorePollCadence.deferred(LEDGER))) {
      List<Duration> lags = new ArrayList<>();
      for (Duration took : RESTORES) {
        Outcome o = RestoreWaitSimulation.wait(took, cadence);
        lags.add(o.lag());
        int aws = RestorePollCadence.awsWaitCalls(took);
        assertTrue(o.calls() <= aws, took + ": " + o.calls() + " calls, aws rds wait " + aws);
      }
      Duration median = RestoreWaitSimulation.percentile(lags, 0.5);
      assertTrue(median.compareTo(Duration.ofSeconds(5)) <= 0, cadence + ": median lag " + median);
    }
  }

  /**
   * Restores of 16-24 s (the sandbox's emulated 20 s, seen from a wait that began a moment after
   * the restore call): described at once, the CLI's budget allows the next look at 30 s only;
   * deferred, the one look before 30 s is at 22 s.
   */
  @Test
  void aRestoreOfAboutTwentySecondsIsNoticedWithinFiveSecondsOnlyWhenTheFirstDescribeIsDeferred() {
    RestoreExpectation expected =
        RestoreExpectation.around(Duration.ofSeconds(20), 0.8, 1.2, "sandbox");
    List<Duration> restores = IntStream.rangeClosed(16, 24).mapToObj(Duration::ofSeconds).toList();
    List<Duration> deferred = new ArrayList<>();
    List<Duration> atOnce = new ArrayList<>();
    for (Duration took : restores) {
      Outcome d = RestoreWaitSimulation.wait(took, RestorePollCadence.deferred(expected));
      Outcome a =
          RestoreWaitSimulation.wait(
              took, RestoreWaitSimulation.adaptive(RestorePollCadence.of(expected)));
      assertTrue(d.calls() <= RestorePollCadence.awsWaitCalls(took), took + ": " + d.calls());
      deferred.add(d.lag());
      atOnce.add(a.lag());
    }
    Duration deferredMedian = RestoreWaitSimulation.percentile(deferred, 0.5);
    Duration atOnceMedian = RestoreWaitSimulation.percentile(atOnce, 0.5);
    assertTrue(deferredMedian.compareTo(Duration.ofSeconds(5)) <= 0, "deferred " + deferredMedian);
    assertTrue(atOnceMedian.compareTo(Duration.ofSeconds(8)) >= 0, "at once " + atOnceMedian);
  }

  @Test
  void theCliAndTheOldBackoffAreSlowerOnTheSameRestores() {
    List<Duration> aws =
        RESTORES.stream()
            .map(d -> RestoreWaitSimulation.wait(d, RestoreWaitSimulation.awsCli()).lag())
            .toList();
    List<Duration> old =
        RESTORES.stream()
            .map(d -> RestoreWaitSimulation.wait(d, RestoreWaitSimulation.polling(Polling.DEFAULT)))
            .map(Outcome::lag)
            .toList();
    assertTrue(RestoreWaitSimulation.percentile(aws, 0.5).compareTo(Duration.ofSeconds(10)) > 0);
    assertTrue(RestoreWaitSimulation.percentile(old, 0.5).compareTo(Duration.ofSeconds(10)) > 0);
  }

  @Test
  void theSimulationCountsTheFirstDescribeAndTheOneThatSeesTheEnd() {
    Outcome o = RestoreWaitSimulation.wait(Duration.ofSeconds(45), RestoreWaitSimulation.awsCli());
    assertEquals(new Outcome(Duration.ofSeconds(15), 3), o);
    assertEquals(3, RestorePollCadence.awsWaitCalls(Duration.ofSeconds(45)));
  }
}
