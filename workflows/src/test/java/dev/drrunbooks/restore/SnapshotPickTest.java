package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class SnapshotPickTest {
  @Test
  void absentOrBlankIsNewest() {
    assertEquals(SnapshotPick.NEWEST, SnapshotPick.parse("pick", null));
    assertEquals(SnapshotPick.NEWEST, SnapshotPick.parse("pick", "  "));
  }

  @Test
  void theInputSpellingsAreParsedTrimmed() {
    assertEquals(SnapshotPick.NEWEST, SnapshotPick.parse("pick", "newest"));
    assertEquals(SnapshotPick.RANDOM, SnapshotPick.parse("pick", " random "));
    assertEquals("random", SnapshotPick.RANDOM.inputValue());
  }

  @Test
  void anythingElseIsRefusedNamingFieldValueAndTheAllowed() {
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> SnapshotPick.parse("schedule.pick", "NEWEST"));
    assertEquals(
        "schedule.pick: 'NEWEST' is not valid; allowed: newest, random", e.getOriginalMessage());
    assertEquals(FailureType.INVALID_INPUT.type(), e.getType());
    assertEquals(true, e.isNonRetryable());
  }
}
