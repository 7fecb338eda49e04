package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drrunbooks.catalog.CalendarSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of an estimate's evidence, and the longest gap a schedule's calendar allows. */
class StepEvidenceTest {
  private static final Instant AUG = Instant.parse("2026-08-03T10:00:00Z");
  private static final Instant NOV = Instant.parse("2026-11-11T23:59:00Z");

  private static StepEstimate estimate(StepKind kind, String basis, int samples) {
    return new StepEstimate(
        kind, basis, null, null, samples, samples == 0 ? null : AUG, samples == 0 ? null : NOV);
  }

  @Test
  void theServicesOwnSamplesNameNoBasisOthersDoAndNoneSayNothingMeasured() {
    assertEquals(
        "6 restores, 2026-08-03..2026-11-11",
        StepEvidence.of("payments", estimate(StepKind.RDS_RESTORE, "payments", 6)));
    assertEquals(
        "1 restore (all services), 2026-08-03..2026-11-11",
        StepEvidence.of("payments", estimate(StepKind.RDS_RESTORE, StepEstimate.FLEET, 1)));
    assertEquals(
        "no restore measured",
        StepEvidence.of("payments", estimate(StepKind.RDS_RESTORE, StepEstimate.FLEET, 0)));
    assertEquals(
        "2 restores",
        StepEvidence.of(
            "payments", new StepEstimate(StepKind.RDS_RESTORE, null, null, null, 2, null, null)),
        "no dates without them, no basis without one");
  }

  @Test
  void theWeakestEstimateIsTheOneWithFewestSamplesTheFirstOnTies() {
    StepEstimate restores = estimate(StepKind.RDS_RESTORE, "payments", 6);
    StepEstimate dnsFew = estimate(StepKind.DNS_SHIFT, StepEstimate.FLEET, 2);
    StepEstimate approvalsFew = estimate(StepKind.APPROVAL, StepEstimate.FLEET, 2);
    RtoForecast f =
        new RtoForecast(
            "payments",
            Duration.ofMinutes(15),
            List.of(restores, dnsFew, approvalsFew),
            null,
            null,
            null,
            RtoForecast.Verdict.INSUFFICIENT_EVIDENCE);
    assertEquals(dnsFew, StepEvidence.weakest(f));
    assertNull(
        StepEvidence.weakest(
            new RtoForecast("x", null, List.of(), null, null, null, RtoForecast.Verdict.MEETS)));
  }

  @Test
  void aScheduleMayGoAsLongAsItsCalendarsLongestGap() {
    assertEquals(
        Duration.ofDays(31),
        ScheduleCadence.longestGap(new CalendarSpec(null, "0", "10", "1-7", null, "MON")));
    assertEquals(
        Duration.ofDays(31),
        ScheduleCadence.longestGap(new CalendarSpec(null, "0", "10", null, "1", null)));
    assertEquals(
        Duration.ofDays(7),
        ScheduleCadence.longestGap(new CalendarSpec(null, "30", "3", null, null, "SUN")));
    assertEquals(
        Duration.ofDays(1),
        ScheduleCadence.longestGap(new CalendarSpec(null, "0", "3", "*", " ", "*")));
    assertEquals(
        Duration.ofHours(1),
        ScheduleCadence.longestGap(new CalendarSpec(null, "0,30", "*", null, null, null)));
  }
}
