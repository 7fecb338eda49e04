package dev.drrunbooks.activities.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {
  private static QueryOutcome outcome(String name, boolean pass) {
    return new QueryOutcome(name, "SELECT 1", "= 1", pass ? 1L : 0L, null, pass, null);
  }

  @Test
  void noQueriesPassesButSaysNoDataWasChecked() {
    ValidationReport r = ValidationReport.of(List.of());
    assertTrue(r.passed(), "nothing failed: the restore itself worked");
    assertEquals(ValidationReport.NO_CHECKS, r.summary());
    assertFalse(r.summary().contains("passed"), "not 'all 0 checks passed'");
  }

  @Test
  void onePassedQueryOrOneFailedOneIsCounted() {
    assertEquals("the 1 check passed", ValidationReport.of(List.of(outcome("a", true))).summary());
    assertEquals("the 1 check FAILED", ValidationReport.of(List.of(outcome("a", false))).summary());
    ValidationReport failed = ValidationReport.of(List.of(outcome("a", true), outcome("b", false)));
    assertFalse(failed.passed());
    assertEquals("1 of 2 checks FAILED", failed.summary());
  }
}
