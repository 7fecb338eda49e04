package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceSize;
import dev.drrunbooks.readiness.RtoForecast.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The forecast from fixed samples: percentiles, too little evidence, the dominating step. */
class RtoForecastTest {
  private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");

  /** {@code minutes} as samples of {@code kind} for {@code service}, one a day. */
  private static List<StepSample> samples(StepKind kind, String service, int... minutes) {
    return IntStream.range(0, minutes.length)
        .mapToObj(
            i ->
                new StepSample(
                    kind, service, DAY.plus(Duration.ofDays(i)), Duration.ofMinutes(minutes[i])))
        .toList();
  }

  @Test
  void p50AndP90AreTheNearestRanks() {
    StepEstimate e =
        StepEstimate.of(
            StepKind.RDS_RESTORE,
            "payments",
            samples(StepKind.RDS_RESTORE, "payments", 7, 3, 10, 1, 5, 9, 2, 8, 4, 6));
    assertEquals(Duration.ofMinutes(5), e.p50(), "rank ceil(0.5 x 10) = 5th of 1..10");
    assertEquals(Duration.ofMinutes(9), e.p90(), "rank ceil(0.9 x 10) = 9th of 1..10");
    assertEquals(10, e.samples());
    assertEquals(DAY, e.from());
    assertEquals(DAY.plus(Duration.ofDays(9)), e.to());
    assertTrue(e.sufficient());
  }

  @Test
  void anOddCountsMedianIsItsMiddleValue() {
    StepEstimate e =
        StepEstimate.of(StepKind.DNS_SHIFT, "x", samples(StepKind.DNS_SHIFT, "x", 1, 2, 3, 4, 50));
    assertEquals(Duration.ofMinutes(3), e.p50());
    assertEquals(Duration.ofMinutes(50), e.p90(), "rank ceil(4.5) = 5th: the slow one");
  }

  @Test
  void fewerThanFiveSamplesAreInsufficientEvidenceNotANumber() {
    StepEstimate e =
        StepEstimate.of(StepKind.RDS_RESTORE, "x", samples(StepKind.RDS_RESTORE, "x", 1, 2, 3, 4));
    assertFalse(e.sufficient());
    assertNull(e.p50());
    assertNull(e.p90());
    assertEquals(4, e.samples(), "but says how many there were");
    assertEquals(DAY, e.from());
  }

  @Test
  void aPathStepWithoutEvidenceMakesTheWholeForecastInsufficient() {
    RecoveryPath path = new RecoveryPath(List.of(StepKind.RDS_RESTORE, StepKind.ECS_STEADY));
    RtoForecast f =
        RtoForecast.of(
            "inventory",
            Duration.ofMinutes(30),
            path,
            samples(StepKind.RDS_RESTORE, "inventory", 10, 11, 12, 13, 14));
    assertEquals(Verdict.INSUFFICIENT_EVIDENCE, f.verdict());
    assertNull(f.p90());
    assertNull(f.dominating());
    assertEquals(0, f.steps().get(1).samples(), "no ECS sample at all");
  }

  @Test
  void aP90AboveTheObjectiveIsAtRiskAndNamesTheDominatingStep() {
    List<StepSample> all = new ArrayList<>();
    all.addAll(samples(StepKind.RDS_RESTORE, "payments", 9, 10, 11, 12, 14, 16));
    all.addAll(samples(StepKind.APPROVAL, "payments", 1, 1, 2, 2, 3));
    all.addAll(samples(StepKind.DNS_SHIFT, "payments", 1, 1, 1, 1, 2));
    RecoveryPath path =
        new RecoveryPath(
            List.of(
                StepKind.RDS_RESTORE,
                StepKind.APPROVAL,
                StepKind.DNS_SHIFT,
                StepKind.DNS_SHIFT,
                StepKind.DNS_SHIFT));
    RtoForecast f = RtoForecast.of("payments", Duration.ofMinutes(15), path, all);
    // p90: restore 16 (rank 6 of 6) + approval 3 + three shifts of 2 = 25 min
    assertEquals(Duration.ofMinutes(25), f.p90());
    // p50: restore 11 (rank 3) + approval 2 + three shifts of 1 = 16 min
    assertEquals(Duration.ofMinutes(16), f.p50());
    assertEquals(Verdict.AT_RISK, f.verdict());
    assertEquals(StepKind.RDS_RESTORE, f.dominating());
  }

  @Test
  void aStepRepeatedOnThePathCanDominate() {
    List<StepSample> all = new ArrayList<>();
    all.addAll(samples(StepKind.RDS_RESTORE, "x", 4, 4, 4, 4, 4));
    all.addAll(samples(StepKind.DNS_SHIFT, "x", 2, 2, 2, 2, 2));
    RecoveryPath path =
        new RecoveryPath(
            List.of(
                StepKind.RDS_RESTORE, StepKind.DNS_SHIFT, StepKind.DNS_SHIFT, StepKind.DNS_SHIFT));
    RtoForecast f = RtoForecast.of("x", Duration.ofMinutes(60), path, all);
    assertEquals(StepKind.DNS_SHIFT, f.dominating(), "3 x 2 min beats one 4 min restore");
    assertEquals(Duration.ofMinutes(10), f.p90());
    assertEquals(Verdict.MEETS, f.verdict());
  }

  @Test
  void aServiceWithTooFewOwnSamplesIsForecastFromTheFleets() {
    List<StepSample> all = new ArrayList<>();
    all.addAll(samples(StepKind.RDS_RESTORE, "payments", 30, 30));
    all.addAll(samples(StepKind.RDS_RESTORE, "inventory", 10, 10, 10));
    RtoForecast f =
        RtoForecast.of(
            "payments",
            Duration.ofMinutes(60),
            new RecoveryPath(List.of(StepKind.RDS_RESTORE)),
            all);
    StepEstimate restore = f.steps().get(0);
    assertEquals(StepEstimate.FLEET, restore.basis());
    assertEquals(5, restore.samples());
    assertEquals(Duration.ofMinutes(30), restore.p90());

    all.addAll(samples(StepKind.RDS_RESTORE, "payments", 20, 20, 20));
    StepEstimate own =
        RtoForecast.of(
                "payments",
                Duration.ofMinutes(60),
                new RecoveryPath(List.of(StepKind.RDS_RESTORE)),
                all)
            .steps()
            .get(0);
    assertEquals("payments", own.basis(), "five of its own: its own");
    assertEquals(5, own.samples());
  }

  /** {@code minutes} as DB restores of {@code service} on instances of {@code size}. */
  private static List<StepSample> restores(String service, InstanceSize size, int... minutes) {
    return samples(StepKind.RDS_RESTORE, service, minutes).stream()
        .map(s -> new StepSample(s.kind(), s.service(), s.endedAt(), s.took(), size))
        .toList();
  }

  @Test
  void withTooFewOwnRestoresTheSameClassAndStorageBandIsTheBasisNotTheFleet() {
    InstanceSize large100 = new InstanceSize("db.r6g.large", 100);
    List<StepSample> all = new java.util.ArrayList<>();
    all.addAll(restores("payments", large100, 30)); // its own: one, too few
    all.addAll(restores("customer-base", new InstanceSize("db.r6g.large", 180), 20, 21, 22));
    all.addAll(restores("orders", new InstanceSize("db.r6g.large", 60), 23, 24));
    all.addAll(restores("locations", new InstanceSize("db.r6g.large", 400), 90, 90, 90)); // >2x
    all.addAll(restores("search", new InstanceSize("db.t3.micro", 100), 2, 2, 2)); // other class

    StepEstimate e = RtoForecast.estimate(StepKind.RDS_RESTORE, "payments", all);

    assertEquals("restores of db.r6g.large, 100 GiB (within 2x)", e.basis());
    assertEquals(6, e.samples(), "its own, customer-base's 3 and orders' 2");
    assertEquals(Duration.ofMinutes(22), e.p50());
    assertEquals(Duration.ofMinutes(30), e.p90());
  }

  @Test
  void tooFewOfTheSameSizeFallsBackToTheFleet() {
    List<StepSample> all = new java.util.ArrayList<>();
    all.addAll(restores("payments", new InstanceSize("db.r6g.large", 100), 30));
    all.addAll(restores("search", new InstanceSize("db.t3.micro", 100), 2, 2, 2, 2));
    all.addAll(samples(StepKind.RDS_RESTORE, "old", 5)); // recorded before sizes were kept

    StepEstimate e = RtoForecast.estimate(StepKind.RDS_RESTORE, "payments", all);

    assertEquals(StepEstimate.FLEET, e.basis());
    assertEquals(6, e.samples());
  }

  @Test
  void aSizeWithoutStorageMatchesOnlyRestoresWithoutStorage() {
    InstanceSize bare = new InstanceSize("db.r6g.large", null);
    SameSize same = new SameSize(bare);
    assertTrue(same.matches(restores("x", bare, 1).get(0)));
    assertFalse(same.matches(restores("x", new InstanceSize("db.r6g.large", 100), 1).get(0)));
    assertFalse(
        new SameSize(new InstanceSize("db.r6g.large", 100)).matches(restores("x", bare, 1).get(0)));
    assertFalse(same.matches(samples(StepKind.RDS_RESTORE, "x", 1).get(0)));
    assertEquals("restores of db.r6g.large", same.basis());
    // exactly twice either way is still the same band
    SameSize hundred = new SameSize(new InstanceSize("db.r6g.large", 100));
    assertTrue(hundred.matches(restores("x", new InstanceSize("db.r6g.large", 200), 1).get(0)));
    assertTrue(hundred.matches(restores("x", new InstanceSize("db.r6g.large", 50), 1).get(0)));
    assertFalse(hundred.matches(restores("x", new InstanceSize("db.r6g.large", 201), 1).get(0)));
    assertFalse(hundred.matches(restores("x", new InstanceSize("db.r6g.large", 49), 1).get(0)));
  }
}
