package dev.drrunbooks.starter.posture;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
                        "payments +15m +20m / 23m  AT RISK +6 restores, 2026-08-03\\.\\.2026-11-11"
                            + " +0s +42s +12d ago \\(dr-drill-1\\) +- +0")),
        text);
    assertTrue(
        text.contains(
            "payments: predicted RTO p90 23m exceeds the objective 15m; dominated by DB instance"
                + " restore until available (p90 17m; 6 restores, 2026-08-03..2026-11-11)"),
        text);
  }

  /**
   * Issue 15, trial finding 4: the EVIDENCE column read "n>=0, 2026-12-02..2026-12-02", a count of
   * none with the dates of other steps' samples, and never said the fleet's samples stood in.
   */
  @Test
  void theEvidenceSaysHowManyWhoseAndWhenOfTheSamplesBehindTheEstimateAlone() {
    String text = PostureTable.render(PostureFixture.evaluation());
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "inventory +30m +insufficient evidence +no restore measured +15m +- .*")),
        text);
    assertTrue(
        text.lines()
            .anyMatch(
                l ->
                    l.startsWith("customer-base ")
                        && l.contains(" 6 restores (all services), 2026-08-03..2026-11-11 ")),
        text);
    assertTrue(
        text.contains(
            "customer-base: predicted RTO p90 23m exceeds the objective 15m; dominated by DB"
                + " instance restore until available (p90 17m; 6 restores (all services),"
                + " 2026-08-03..2026-11-11)"),
        text);
    assertFalse(text.contains("n>="), text);
  }

  /**
   * Issue 15, trial findings 2 and 3: the predicted RPO said "no recovery point" when a bucket did
   * not replicate, and figures under a minute read as whole minutes.
   */
  @Test
  void whatARegionLossWouldLoseNamesWhatDecidedItInSeconds() {
    String text = PostureTable.render(PostureFixture.evaluation());
    assertTrue(
        text.contains(
            "REGION LOSS WOULD LOSE (what decided it)\n"
                + "customer-base: 19s (DR recovery point 19s old (snapshot rds:customer-base-1))\n"
                + "inventory: no figure (no DR recovery point in eu-central-1; bucket"
                + " mycomputer-assets: no replication rule ReplicateAll)\n"
                + "payments: 42s (bucket mycomputer-payments-archive: replication latency 42s)\n"),
        text);
    assertFalse(text.contains("no recovery point"), text);
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
    assertTrue(page.contains("Predicted RTO p50 20m, p90 23m: exceeds the objective"), page);
    assertTrue(page.contains("dominated by DB instance restore until available"), page);
    assertTrue(page.contains("class=\"rto-bar p90 at-risk\""), page);
    assertTrue(page.contains("2026-11: median 12m of 2"), page);
    assertTrue(page.contains("Predicted RTO: insufficient evidence"), page);
    assertTrue(page.contains("href=\"http://ui/x\""), page);
  }

  @Test
  void thePageNamesWhatDecidedThePredictedRpoAndTheEvidenceOfEachStep() {
    String page = PosturePage.render(PostureFixture.evaluation(), "readiness-all-1", "http://ui/x");
    assertTrue(
        page.contains(
            "RTO objective 15m, RPO objective 0s; a region loss now would lose 42s (bucket"
                + " mycomputer-payments-archive: replication latency 42s)."),
        page);
    assertTrue(
        page.contains(
            "a region loss now would lose an unknown amount (no DR recovery point in eu-central-1;"
                + " bucket mycomputer-assets: no replication rule ReplicateAll)."),
        page);
    assertTrue(
        page.contains(
            "Evidence: DB instance restore until available: 6 restores (all services),"
                + " 2026-08-03..2026-11-11;"),
        page);
    assertTrue(
        page.contains("Evidence: DB instance restore until available: no restore measured;"), page);
    assertFalse(page.contains(" min"), "one duration format: " + page);
  }
}
