package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How readiness words durations, forecasts and trends for people, and its report. */
class ReadinessWordsTest {
  private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void agesReadAsAnOperatorWritesThem() {
    assertEquals("-", Ages.of(null));
    assertEquals("0s", Ages.of(Duration.ofSeconds(-5)));
    assertEquals("59s", Ages.of(Duration.ofSeconds(59)));
    assertEquals("1m", Ages.of(Duration.ofSeconds(60)));
    assertEquals("4m 10s", Ages.of(Duration.ofSeconds(250)));
    assertEquals("59m 59s", Ages.of(Duration.ofSeconds(3599)));
    assertEquals("1h", Ages.of(Duration.ofHours(1)));
    assertEquals("2h 5m", Ages.of(Duration.ofMinutes(125)));
    assertEquals("23h 59m", Ages.of(Duration.ofSeconds(86_399)));
    assertEquals("1d", Ages.of(Duration.ofDays(1)));
    assertEquals("3d 4h", Ages.of(Duration.ofHours(76)));
  }

  @Test
  void aTrendIsTheMedianOfEachMonthOfOneServicesKindOldestFirst() {
    List<StepSample> samples = new ArrayList<>();
    samples.add(
        new StepSample(
            StepKind.RDS_RESTORE,
            "x",
            Instant.parse("2026-11-02T00:00:00Z"),
            Duration.ofMinutes(9)));
    samples.add(
        new StepSample(
            StepKind.RDS_RESTORE,
            "x",
            Instant.parse("2026-11-20T00:00:00Z"),
            Duration.ofMinutes(3)));
    samples.add(
        new StepSample(
            StepKind.RDS_RESTORE,
            "x",
            Instant.parse("2026-11-25T00:00:00Z"),
            Duration.ofMinutes(5)));
    samples.add(
        new StepSample(
            StepKind.RDS_RESTORE,
            "x",
            Instant.parse("2026-09-30T23:59:59Z"),
            Duration.ofMinutes(7)));
    samples.add(
        new StepSample(
            StepKind.RDS_RESTORE,
            "y",
            Instant.parse("2026-10-01T00:00:00Z"),
            Duration.ofMinutes(1)));
    samples.add(
        new StepSample(
            StepKind.DNS_SHIFT, "x", Instant.parse("2026-10-01T00:00:00Z"), Duration.ofMinutes(1)));

    assertEquals(
        List.of(
            new MonthlyDuration("2026-09", Duration.ofMinutes(7), 1),
            new MonthlyDuration("2026-11", Duration.ofMinutes(5), 3)),
        MonthlyDuration.trend(samples, StepKind.RDS_RESTORE, "x"));
  }

  private static RtoForecast forecast(int restoreMinutes, int samples, Duration objective) {
    List<StepSample> s = new ArrayList<>();
    for (int i = 0; i < samples; i++)
      s.add(
          new StepSample(
              StepKind.RDS_RESTORE,
              "x",
              T.minus(Duration.ofDays(i)),
              Duration.ofMinutes(restoreMinutes)));
    return RtoForecast.of("x", objective, new RecoveryPath(List.of(StepKind.RDS_RESTORE)), s);
  }

  @Test
  void aForecastInOneLine() {
    assertEquals(
        "predicted RTO p50 20m, p90 20m against 15m: AT RISK; dominated by DB instance restore"
            + " until available",
        RtoForecasts.describe(forecast(20, 5, Duration.ofMinutes(15))));
    assertEquals(
        "predicted RTO p50 10m, p90 10m against 15m: meets it; dominated by DB instance restore"
            + " until available",
        RtoForecasts.describe(forecast(10, 5, Duration.ofMinutes(15))));
    assertEquals(
        "predicted RTO: insufficient evidence, fewer than 5 measured DB instance restore until"
            + " available (3 sample(s))",
        RtoForecasts.describe(forecast(10, 3, Duration.ofMinutes(15))));
  }

  @Test
  void theReportHasACheckPerEvidenceRowAndTheForecastsAsNotes() {
    ServiceReadiness x =
        new ServiceReadiness(
            "x",
            new Objectives(Duration.ofMinutes(15), Duration.ofMinutes(5)),
            List.of(
                new ReadinessCheck(
                    "x",
                    "recovery point in eu-central-1",
                    "newer than RPO 5m",
                    "2m old",
                    CheckVerdict.PASS),
                new ReadinessCheck(
                    "x",
                    "last passing dr-drill",
                    "within 38d",
                    "none in the ledger",
                    CheckVerdict.FAIL)),
            Duration.ofMinutes(2),
            forecast(20, 5, Duration.ofMinutes(15)),
            List.of());
    ReadinessResult r = ReadinessResult.of(T, List.of(x), List.of());
    RunReport report = ReadinessReport.MAPPING.report(r, ReportContext.of("readiness-x-1"));

    assertEquals("NOT_READY", report.outcome());
    assertEquals(false, report.passed());
    assertEquals(2, report.evidence().size());
    assertEquals("recovery point in eu-central-1", report.evidence().get(0).check());
    assertTrue(report.evidence().get(0).pass());
    assertEquals(false, report.evidence().get(1).pass());
    assertTrue(
        report.notes().contains("x: a region loss now would lose 2m of data (RPO 5m)"),
        report.notes().toString());
    assertTrue(
        report.notes().stream()
            .anyMatch(n -> n.startsWith("x: predicted RTO p50 20m, p90 20m against 15m: AT RISK")),
        report.notes().toString());
    assertEquals(
        "1 of 1 service(s) not ready: x (last passing dr-drill, predicted RTO at risk, dominated by"
            + " DB instance restore until available)",
        r.summary());
  }

  /** Issue 15, trial finding 2: the report says what decided the predicted RPO, or its absence. */
  @Test
  void theReportsRegionLossNoteNamesWhatDecidedIt() {
    Objectives objectives = new Objectives(Duration.ofMinutes(15), Duration.ZERO);
    ServiceReadiness bucketBehind =
        new ServiceReadiness(
            "p",
            objectives,
            List.of(),
            Duration.ofSeconds(42),
            null,
            List.of(),
            "bucket b: replication latency 42s");
    ServiceReadiness noRule =
        new ServiceReadiness(
            "c", objectives, List.of(), null, null, List.of(), "bucket d: no replication rule R");
    RunReport report =
        ReadinessReport.MAPPING.report(
            ReadinessResult.of(T, List.of(bucketBehind, noRule), List.of()),
            ReportContext.of("readiness-all-1"));

    assertEquals(
        List.of(
            "p: a region loss now would lose 42s of data (RPO 0s): bucket b: replication latency"
                + " 42s",
            "c: a region loss now would lose an unknown amount of data (RPO 0s): bucket d: no"
                + " replication rule R"),
        report.notes());
    assertEquals("42s (bucket b: replication latency 42s)", bucketBehind.predictedRpoText());
    assertEquals("no figure (bucket d: no replication rule R)", noRule.predictedRpoText());
    assertEquals(
        "no DR copy",
        new ServiceReadiness("o", objectives, List.of(), null, null, List.of()).predictedRpoText(),
        "an evaluation from before the basis was kept");
  }
}
