package dev.drrunbooks.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecoveryRequestTest {
  private static RecoveryRequest data(String restoreTime, String corruptionTime) {
    return new RecoveryRequest(
        "data",
        "inventory",
        "alice",
        "why",
        null,
        null,
        null,
        restoreTime,
        null,
        null,
        null,
        null,
        corruptionTime);
  }

  @Test
  void aDataRecoveryTakesItsCorruptionTimeUnderItsOwnName() {
    assertEquals(
        "2026-12-01T04:00:00Z", data(null, "2026-12-01T04:00:00Z").corruptionTimeOrLegacy());
    assertEquals(
        "2026-12-01T04:00:00Z",
        data("2026-12-01T03:00:00Z", "2026-12-01T04:00:00Z").corruptionTimeOrLegacy());
  }

  @Test
  void aRequestFromBeforeTheFieldExistedStillCarriesItAsRestoreTime() {
    assertEquals(
        "2026-12-01T03:00:00Z", data("2026-12-01T03:00:00Z", null).corruptionTimeOrLegacy());
    assertNull(data(null, null).corruptionTimeOrLegacy());
  }
}
