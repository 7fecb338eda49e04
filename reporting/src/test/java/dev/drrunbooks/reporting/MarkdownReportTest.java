package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.report.ReportFixtures;
import dev.drrunbooks.report.TestReports;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void aMissedRtoIsAMarkedRowOfTheObjectivesTable() {
    String md =
        MarkdownReport.render(
            TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-inventory-1"));

    String row =
        Arrays.stream(md.split("\n"))
            .filter(l -> l.startsWith("| inventory |"))
            .findFirst()
            .orElseThrow();
    assertTrue(row.startsWith("| inventory | 30m | 42m | **BREACHED** | 15m | 5m | met |"), row);
    assertTrue(
        md.startsWith("# Point-in-time restore of inventory: SUCCEEDED (OBJECTIVE BREACHED)"), md);
    assertTrue(md.contains("| Objectives | BREACHED: inventory RTO |"), md);
    assertTrue(md.contains("RTO objective 30m (inventory) BREACHED: achieved 42m"), md);
    assertTrue(
        md.contains(
            "| 4 | wait until pitr-inventory-r is available | 2024-01-15 03:32:00Z | 20m |"
                + " SUCCEEDED |"),
        md);
  }

  @Test
  void hostileStringsCannotBreakTheTablesOrInjectHtml() {
    String md =
        MarkdownReport.render(
            TestReports.from(ReportFixtures.failoverWithHostileStrings(), "dns-failover-x"));

    assertFalse(md.contains("<script"), md);
    assertFalse(md.contains("<img"), md);
    assertTrue(md.contains("&lt;script>alert('x')&lt;/script>"), "shown as text: " + md);
    String step =
        Arrays.stream(md.split("\n"))
            .filter(l -> l.startsWith("| 1 | probe primary"))
            .findFirst()
            .orElseThrow();
    // 6 columns: 7 unescaped pipes, however many the step's name and detail contain
    assertEquals(7, step.split("(?<!\\\\)\\|", -1).length - 1, step);
  }

  @Test
  void aProcedureWithoutObjectivesSaysSo() {
    String md = MarkdownReport.render(TestReports.from(ReportFixtures.backupValidation(), "bv-1"));
    assertTrue(md.contains("This procedure measures no RTO or RPO."), md);
    assertTrue(
        md.contains("| inventory | rds:backup-validation-inventory-v | COMPENSATED | deleting |"),
        md);
    assertTrue(
        md.contains("| inventory | transactions match source | = source | 3000 | 3000 | yes |"),
        md);
  }

  @Test
  void aRunThatEndedWithoutAResultSaysWhatIsNotKnownAndShowsTheEvidenceItCarried() {
    String md =
        MarkdownReport.render(
            TestReports.ended(
                "bv-2",
                "backup-validation",
                "inventory",
                "Backup validation of inventory",
                "FAILED",
                ReportFixtures.START,
                ReportFixtures.START.plusSeconds(40),
                "backup failed validation: 1 of 2 checks FAILED",
                ReportFixtures.validation(false)));
    assertTrue(md.startsWith("# Backup validation of inventory: FAILED"), md);
    assertTrue(md.contains("| Objectives | not known: the run ended without a result |"), md);
    assertTrue(
        md.contains("| inventory | transactions match source | = source | 2990 | 3000 | **NO** |"),
        md);
    assertTrue(md.contains("## Clean-up\n\nNot known: the run ended without a result."), md);
    assertTrue(md.contains("## Timeline\n\nNo timeline available."), md);
  }
}
