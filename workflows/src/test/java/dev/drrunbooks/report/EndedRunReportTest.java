package dev.drrunbooks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report of a run that ended without a result: its ending, the steps it recorded, the clean-up
 * among them.
 */
class EndedRunReportTest {
  private static final ReportMapping<String> PITR =
      ReportMapping.of("pitr", "Point-in-time restore", (r, c) -> null);

  private static final List<TimelineEntry> SO_FAR =
      List.of(
          ReportFixtures.step("restore to the latest point", 0, 1, Outcome.SUCCEEDED, "creating"),
          ReportFixtures.step(
              "wait until pitr-1-pitr is available", 1, 9, Outcome.FAILED, "cancelled"),
          ReportFixtures.step("clean up rds:pitr-1-pitr", 9, 10, Outcome.COMPENSATED, "deleting"),
          ReportFixtures.step(
              "clean up rds-snapshot:copy-1", 10, 10, Outcome.FAILED, "AccessDenied"));

  @Test
  void aCancelledRunShowsItsStepsSoFarAndItsCleanUpRows() {
    RunReport r =
        PITR.ended(
            new EndedRun(
                "CANCELED",
                "inventory",
                ReportFixtures.START,
                null,
                "Workflow canceled",
                null,
                SO_FAR,
                null),
            new ReportContext("pitr-1", null, "http://ui/x", null));

    assertEquals("Point-in-time restore of inventory", r.title());
    assertEquals("pitr", r.procedure());
    assertEquals("CANCELED", r.outcome());
    assertFalse(r.passed());
    assertEquals("http://ui/x", r.runLink());
    assertEquals(4, r.timeline().size());
    assertEquals(List.of("inventory"), r.services(), "the run's service owns its steps");
    assertEquals(
        List.of(
            new CleanupRow("inventory", "rds:pitr-1-pitr", Outcome.COMPENSATED, "deleting"),
            new CleanupRow("inventory", "rds-snapshot:copy-1", Outcome.FAILED, "AccessDenied")),
        r.cleanup());
    assertEquals(
        "Workflow canceled; clean-up: rds:pitr-1-pitr deleting; rds-snapshot:copy-1 FAILED"
            + " (AccessDenied)",
        r.summary());
    assertEquals(
        ReportFixtures.START.plusSeconds(600),
        r.end(),
        "the last step's end when the close time is unknown");
    assertTrue(r.notes().get(0).contains("after 4 recorded step(s)"), r.notes().toString());
  }

  @Test
  void aFailureMessageThatNamesItsCleanUpIsNotRepeatedAndTheRunsOwnTagWins() {
    RunReport r =
        PITR.ended(
            new EndedRun(
                "FAILED",
                null,
                null,
                null,
                "boom (cleanup: rds:pitr-1-pitr deleting)",
                ReportFixtures.validation(false),
                SO_FAR,
                null),
            new ReportContext("dns-1", "dns-failback", null, null));
    assertEquals("boom (cleanup: rds:pitr-1-pitr deleting)", r.summary());
    assertEquals("dns-failback", r.procedure());
    assertEquals("Point-in-time restore", r.title());
    assertEquals(2, r.evidence().size(), "the failed validation's evidence");
  }

  @Test
  void withoutATimelineItSaysWhyAndKeepsTheMessage() {
    RunReport r =
        PITR.ended(
            new EndedRun(
                "TERMINATED",
                "inventory",
                ReportFixtures.START,
                ReportFixtures.START,
                null,
                null,
                null,
                "no worker answered"),
            ReportContext.of("pitr-2"));
    assertEquals("terminated", r.summary());
    assertTrue(r.timeline().isEmpty());
    assertTrue(r.cleanup().isEmpty());
    assertTrue(
        r.notes().get(0).contains("could not be read back (no worker answered)"),
        r.notes().toString());
  }

  @Test
  void onlyCleanUpStepsBecomeCleanUpRows() {
    assertEquals(
        List.of("rds:pitr-1-pitr", "rds-snapshot:copy-1"),
        EndedRunReport.cleanupOf(SO_FAR).stream().map(c -> c.resource()).toList());
    assertEquals(
        List.of(),
        EndedRunReport.cleanupOf(List.of(new TimelineEntry(null, null, null, null, null))));
  }
}
