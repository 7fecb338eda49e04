package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A wait prints a line on each phase change and at least every 30 s, never more often. */
class PhaseProgressTest {
  private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");
  private static final Instant DEADLINE = Instant.parse("2026-12-01T08:00:00.250Z");

  @Test
  void theFirstLookAndEveryChangeOfPhaseIsALine() {
    PhaseProgress p = new PhaseProgress();
    assertEquals("phase: restore", p.next("restore", T0, null));
    assertNull(p.next("restore", T0.plusSeconds(1), null));
    assertEquals("phase: validate", p.next("validate", T0.plusSeconds(2), null));
    assertEquals("phase: (no phase yet)", p.next(null, T0.plusSeconds(3), null));
  }

  @Test
  void aLongWaitIsALineEveryThirtySecondsWithHowLongAndTheDeadline() {
    PhaseProgress p = new PhaseProgress();
    assertEquals(
        "phase: approval (deadline 2026-12-01T08:00:00Z)", p.next("approval", T0, DEADLINE));
    assertNull(p.next("approval", T0.plusMillis(29_999), DEADLINE));
    assertEquals(
        "still approval: waited 30s (deadline 2026-12-01T08:00:00Z)",
        p.next("approval", T0.plusSeconds(30), DEADLINE));
    assertNull(p.next("approval", T0.plusSeconds(59), DEADLINE));
    assertEquals(
        "still approval: waited 1m30s",
        p.next("approval", T0.plusSeconds(90).plusMillis(400), null));
  }
}
