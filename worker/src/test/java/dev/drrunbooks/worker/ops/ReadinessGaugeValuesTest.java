package dev.drrunbooks.worker.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.readiness.CheckVerdict;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.readiness.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's readiness as its gauges show it: seconds, counts and 1/0, and NaN where the
 * evaluation has no figure (insufficient evidence, no database), never 0.
 */
class ReadinessGaugeValuesTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:30:00Z");
  private static final Objectives PAYMENTS = new Objectives(Duration.ofMinutes(15), Duration.ZERO);

  static ReadinessCheck check(String service, CheckVerdict verdict) {
    return new ReadinessCheck(service, "check " + verdict, "expected", "found", verdict);
  }

  static RtoForecast forecast(
      String service, Duration p50, Duration p90, RtoForecast.Verdict verdict) {
    return new RtoForecast(
        service,
        Duration.ofMinutes(15),
        List.of(),
        p50,
        p90,
        p90 == null ? null : StepKind.RDS_RESTORE,
        verdict);
  }

  @Test
  void aServiceThatMeetsItsObjectivesShowsItsFiguresInSecondsAndReady() {
    ServiceReadiness payments =
        new ServiceReadiness(
            "payments",
            PAYMENTS,
            List.of(check("payments", CheckVerdict.PASS)),
            Duration.ofMillis(252_500),
            forecast(
                "payments",
                Duration.ofSeconds(410),
                Duration.ofMinutes(12),
                RtoForecast.Verdict.MEETS),
            List.of());

    ReadinessGaugeValues v = ReadinessGaugeValues.of(payments, AT);

    assertEquals(
        new ReadinessGaugeValues(AT, 410, 720, 252.5, 900, 0, 0, 1), v, "RPO 0 is an objective");
  }

  @Test
  void insufficientEvidenceIsNaNNotZeroAndDoesNotMakeTheServiceNotReady() {
    ServiceReadiness locations =
        new ServiceReadiness(
            "locations",
            new Objectives(Duration.ofHours(1), Duration.ofMinutes(30)),
            List.of(check("locations", CheckVerdict.PASS)),
            null,
            forecast("locations", null, null, RtoForecast.Verdict.INSUFFICIENT_EVIDENCE),
            List.of());

    ReadinessGaugeValues v = ReadinessGaugeValues.of(locations, AT);

    assertEquals(Double.NaN, v.rtoP50Seconds());
    assertEquals(Double.NaN, v.rtoP90Seconds());
    assertEquals(Double.NaN, v.rpoSeconds(), "no database: no predicted RPO");
    assertEquals(3600, v.rtoObjectiveSeconds());
    assertEquals(1800, v.rpoObjectiveSeconds());
    assertEquals(0, v.failingChecks());
    assertEquals(1, v.ready(), "as dr posture: insufficient evidence alone is not a finding");
  }

  @Test
  void anRtoAtRiskIsNotReadyEvenWithEveryCheckPassing() {
    ServiceReadiness payments =
        new ServiceReadiness(
            "payments",
            PAYMENTS,
            List.of(check("payments", CheckVerdict.PASS)),
            Duration.ofMinutes(4),
            forecast(
                "payments",
                Duration.ofMinutes(16),
                Duration.ofMinutes(25),
                RtoForecast.Verdict.AT_RISK),
            List.of());

    ReadinessGaugeValues v = ReadinessGaugeValues.of(payments, AT);

    assertEquals(0, v.ready());
    assertEquals(0, v.failingChecks());
    assertEquals(1500, v.rtoP90Seconds());
    assertEquals(960, v.rtoP50Seconds());
  }

  @Test
  void failedAndUnreadableChecksCountAsFailingAndMakeTheServiceNotReady() {
    ServiceReadiness inventory =
        new ServiceReadiness(
            "inventory",
            null,
            List.of(
                check("inventory", CheckVerdict.FAIL),
                check("inventory", CheckVerdict.PASS),
                check("inventory", CheckVerdict.UNKNOWN)),
            Duration.ofMinutes(7),
            null,
            List.of());

    ReadinessGaugeValues v = ReadinessGaugeValues.of(inventory, AT);

    assertEquals(2, v.failingChecks());
    assertEquals(0, v.ready());
    assertEquals(Double.NaN, v.rtoP50Seconds(), "no forecast at all");
    assertEquals(Double.NaN, v.rtoP90Seconds(), "no forecast at all");
    assertEquals(Double.NaN, v.rtoObjectiveSeconds(), "no objectives read");
    assertEquals(Double.NaN, v.rpoObjectiveSeconds(), "no objectives read");
    assertEquals(420, v.rpoSeconds());
  }

  @Test
  void theAgeCountsFromTheEvaluationIsInfiniteWithoutOneAndNeverNegative() {
    ServiceReadiness s =
        new ServiceReadiness("inventory", PAYMENTS, List.of(), null, null, List.of());
    ReadinessGaugeValues v = ReadinessGaugeValues.of(s, AT);

    assertEquals(AT, v.evaluatedAt());
    assertEquals(90.5, v.ageSeconds(AT.plusMillis(90_500)));
    assertEquals(0, v.ageSeconds(AT), "just evaluated");
    assertEquals(0, v.ageSeconds(AT.minusSeconds(3)), "the worker's clock behind");
    assertEquals(Double.POSITIVE_INFINITY, ReadinessGaugeValues.NONE.ageSeconds(AT));
  }

  @Test
  void aServiceNoEvaluationCoveredHasNoFigures() {
    ReadinessGaugeValues none = ReadinessGaugeValues.NONE;
    assertNull(none.evaluatedAt());
    for (double figure :
        new double[] {
          none.rtoP50Seconds(),
          none.rtoP90Seconds(),
          none.rpoSeconds(),
          none.rtoObjectiveSeconds(),
          none.rpoObjectiveSeconds(),
          none.failingChecks(),
          none.ready()
        }) assertEquals(Double.NaN, figure);
  }
}
