package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunRowTest {
  private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");

  private static RunRow row(String status, String phase, boolean waiting, Instant closed) {
    return new RunRow("id", "run", "pitr", "inventory", status, phase, waiting, T0, closed, 5);
  }

  @Test
  void theStateColumnSaysWhatARunDoesOrHowItEnded() {
    assertEquals("WAITING at approval", row("RUNNING", "approval", true, null).state());
    assertEquals("RUNNING restore", row("RUNNING", "restore", false, null).state());
    assertEquals("RUNNING", row("RUNNING", null, false, null).state());
    assertEquals("FAILED (cleanup)", row("FAILED", "cleanup", false, T0).state());
    assertEquals("TERMINATED", row("TERMINATED", null, false, T0).state());
  }

  @Test
  void onlyTheGatesPhasesAreWaits() {
    assertEquals(true, GatePhases.waits("approval"));
    assertEquals(true, GatePhases.waits("confirm-replay"));
    assertEquals(false, GatePhases.waits("restore"));
    assertEquals(false, GatePhases.waits(null));
  }
}
