package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.ReportFixtures;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.TestReports;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostIncidentReviewTest {
  private final RunReport restore =
      TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-inventory-1");

  @Test
  void hasTheRunbooksFiveSectionsFilledFromTheRun() {
    String review =
        PostIncidentReview.render(
            restore,
            FollowUpDrill.scheduled("dr-monthly-dr-drill", Instant.parse("2024-02-01T03:00:00Z")));

    int timeline = review.indexOf("## 1. Timeline of events");
    int cause = review.indexOf("## 2. Root cause");
    int objectives = review.indexOf("## 3. Actual RTO and RPO");
    int changes = review.indexOf("## 4. Procedure changes");
    int drill = review.indexOf("## 5. Follow-up DR drill");
    assertTrue(
        0 < timeline
            && timeline < cause
            && cause < objectives
            && objectives < changes
            && changes < drill,
        review);

    assertTrue(
        review.contains("| 2024-01-15 03:10:00Z | incident began (as given to the run) | | |"),
        review);
    assertTrue(
        review.contains(
            "| 2024-01-15 03:32:00Z | wait until pitr-inventory-r is available | SUCCEEDED |"),
        review);
    assertTrue(review.contains("Root cause: _to be filled in_"), review);
    assertTrue(
        review.contains("| inventory | 30m | 42m | **BREACHED** | 15m | 5m | met |"), review);
    assertTrue(review.contains("**Objectives breached: inventory RTO.**"), review);
    assertTrue(review.contains("Procedure changes: _to be filled in_"), review);
    assertTrue(review.contains("- inventory: RTO 42m against 30m"), review);
    assertTrue(
        review.contains("Next drill: 2024-02-01 03:00:00Z (schedule dr-monthly-dr-drill)"), review);
  }

  @Test
  void saysSoWhenNoDrillIsScheduled() {
    String review =
        PostIncidentReview.render(
            restore, FollowUpDrill.none("no drill scheduled: run dr schedules apply"));
    assertTrue(review.contains("Next drill: no drill scheduled: run dr schedules apply"), review);
  }

  @Test
  void coversAFailoverAndEscapesItsText() {
    String review =
        PostIncidentReview.render(
            TestReports.from(ReportFixtures.failoverWithHostileStrings(), "dns-failover-x"), null);
    assertTrue(review.contains("| payments | 15m | 6m | met |"), review);
    assertTrue(review.contains("- step failed: probe primary"), review);
    assertFalse(review.contains("<script"), review);
  }

  @Test
  void refusesARunThatRecoveredNothing() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PostIncidentReview.render(
                    TestReports.from(ReportFixtures.backupValidation(), "bv-1"), null));
    assertTrue(e.getMessage().contains("bv-1 is a backup-validation run"), e.getMessage());
  }
}
