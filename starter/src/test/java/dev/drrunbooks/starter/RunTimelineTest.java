package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTimelineTest {
  private static final Instant T0 = Instant.parse("2026-12-01T07:03:04.500Z");

  private static TimelineEntry entry(String step, Outcome outcome, String detail) {
    return new TimelineEntry(step, T0, T0.plusSeconds(3), outcome, detail);
  }

  @Test
  void theCleanupIsWhatTheRunsCompensationRecorded() {
    TimelineEntry restore = entry("restore inventory", Outcome.SUCCEEDED, "ok");
    TimelineEntry deleted = entry("clean up rds:pitr-x", Outcome.COMPENSATED, "deleting");
    TimelineEntry failedUndo = entry("clean up dns:api", Outcome.FAILED, "throttled");
    TimelineEntry skipped = entry("ignored signal approve", Outcome.SKIPPED, "no gate");
    assertEquals(
        List.of(deleted, failedUndo),
        RunTimeline.cleanup(List.of(restore, deleted, skipped, failedUndo)));
  }

  @Test
  void anEntryIsOneLineInUtc() {
    assertEquals(
        "07:03:04 SUCCEEDED restore inventory (3s): available",
        RunTimeline.line(entry("restore inventory", Outcome.SUCCEEDED, "available")));
    assertEquals(
        "07:03:04 FAILED probe (3s)", RunTimeline.line(entry("probe", Outcome.FAILED, " ")));
    assertEquals(
        "07:03:04 SKIPPED probe (3s)", RunTimeline.line(entry("probe", Outcome.SKIPPED, null)));
  }
}
