package dev.drrunbooks.starter.posture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.reporting.PosturePage;
import org.junit.jupiter.api.Test;

/** {@code dr posture}'s table and page say what the evaluation found, at risk first. */
class PostureTableTest {
  @Test
  void aForecastAtRiskIsFlaggedWithItsDominatingStepAndItsEvidence() {
    String text = PostureTable.render(PostureFixture.evaluation());
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "payments +15m +20m / 23m  AT RISK +n>=6, 2026-08-03\\.\\.2026-11-11 +0m"
                            + " +4m +12d ago \\(dr-drill-1\\) +- +0")),
        text);
    assertTrue(
        text.contains(
            "payments: predicted RTO p90 23m exceeds the objective 15m; dominated by DB instance"
                + " restore until available (p90 17m, 6 samples 2026-08-03..2026-11-11)"),
        text);
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "inventory +30m +insufficient evidence +n>=0 +15m +no recovery point .*")),
        text);
  }

  @Test
  void failingChecksAreListed() {
    String failing = PostureTable.failing(PostureFixture.evaluation());
    assertTrue(failing.contains("backup-retention-days"), failing);
    assertTrue(failing.contains("FAIL"), failing);
  }

  @Test
  void thePageShowsTheForecastAgainstTheObjectiveAndTheTrend() {
    String page = PosturePage.render(PostureFixture.evaluation(), "readiness-all-1", "http://ui/x");
    assertTrue(page.contains("<span class=\"badge bad\" id=\"outcome\">NOT READY</span>"), page);
    assertTrue(page.contains("id=\"service-payments\""), page);
    assertTrue(page.contains("Predicted RTO p50 20 min, p90 23 min: exceeds the objective"), page);
    assertTrue(page.contains("dominated by DB instance restore until available"), page);
    assertTrue(page.contains("class=\"rto-bar p90 at-risk\""), page);
    assertTrue(page.contains("2026-11: median 12 min of 2"), page);
    assertTrue(page.contains("Predicted RTO: insufficient evidence"), page);
    assertTrue(page.contains("href=\"http://ui/x\""), page);
  }
}
