package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ServiceSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lag a standby may have: the RPO, or, accepted as unmet, what a restore would lose. */
class StandbyLagAllowanceTest {
  /** Payments' recovery.knowinglyUnmet, both lines. */
  private static final String ACCEPTED = "      knowinglyUnmet:\n        rpo: \"[^\n]*\n";

  @Test
  void anAcceptedRpoAllowsWhatAPointInTimeRestoreWouldLoseAndNoMore() {
    StandbyLagAllowance payments = StandbyLagAllowance.of(payments(CatalogFixture.text()));
    assertEquals(Duration.ofMinutes(5), payments.max(), "RPO 0, accepted: restore's 5 minutes");
    assertTrue(payments.allows(Duration.ofSeconds(300)));
    assertFalse(payments.allows(Duration.ofSeconds(301)));
    assertEquals(
        "within 5m (RPO 0m, accepted as unmet: at most what a point-in-time restore would lose)",
        payments.describe());
  }

  @Test
  void anAcceptedRpoAboveWhatARestoreLosesIsItsOwnBound() {
    StandbyLagAllowance wide =
        StandbyLagAllowance.of(
            payments(CatalogFixture.text().replace("rto: 15m, rpo: 0m", "rto: 15m, rpo: 20m")));
    assertEquals(Duration.ofMinutes(20), wide.max());
    assertFalse(wide.allows(Duration.ofMinutes(21)));
  }

  @Test
  void withoutTheCatalogsAcceptanceTheRpoIsTheBound() {
    String text = CatalogFixture.text();
    String strictText =
        text.replace("rto: 15m, rpo: 0m", "rto: 15m, rpo: 1m").replaceFirst(ACCEPTED, "");
    assertTrue(strictText.length() < text.length(), "Payments' knowinglyUnmet removed");
    StandbyLagAllowance strict = StandbyLagAllowance.of(payments(strictText));
    assertEquals(Duration.ofMinutes(1), strict.max());
    assertTrue(strict.allows(Duration.ofSeconds(60)));
    assertFalse(strict.allows(Duration.ofSeconds(61)));
    assertEquals("within RPO 1m", strict.describe());
  }

  @Test
  void runsBeforeTheBoundPassedAnyMeasuredLagWhereTheRpoWasAccepted() {
    StandbyLagAllowance legacy = StandbyLagAllowance.of(payments(CatalogFixture.text()), false);
    assertNull(legacy.max());
    assertTrue(legacy.allows(Duration.ofHours(3)));
    assertTrue(legacy.describe().contains("or known"), legacy.describe());
  }

  private static ServiceSpec payments(String catalogText) {
    return CatalogFixture.parse(catalogText).services().get("payments");
  }
}
