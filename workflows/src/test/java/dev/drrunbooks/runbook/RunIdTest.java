package dev.drrunbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.pitr.PointInTimeRestore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdTest {
  private static final Instant AT = Instant.parse("2026-11-27T12:30:05.789Z");

  @Test
  void anIdIsKeySubjectUtcSecondAndSuffix() {
    assertEquals(
        "pitr-inventory-20261127T123005Z-k3f9",
        PointInTimeRestore.PROCEDURE.runId("inventory", AT, "k3f9"));
    assertEquals(
        "dns-failback-api-20261127T123005Z-0000",
        Procedure.runId(DnsFailover.FAILBACK_KEY, "api", AT, "0000"));
  }

  @Test
  void aBlankSubjectIsNamedUnknown() {
    assertEquals(
        "dr-drill-unknown-20261127T123005Z-abcd", DrDrill.PROCEDURE.runId(" ", AT, "abcd"));
    assertEquals(
        "dr-drill-unknown-20261127T123005Z-abcd", DrDrill.PROCEDURE.runId(null, AT, "abcd"));
  }

  @Test
  void aStartTimeIsRequired() {
    assertThrows(
        NullPointerException.class,
        () -> PointInTimeRestore.PROCEDURE.runId("inventory", null, "k3f9"));
  }
}
