package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.report.ReportFixtures;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.TestReports;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  @Test
  void writesIsoTimesAndDurationsAndReadsBackTheSameReport() {
    RunReport report = TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-inventory-1");
    String json = JsonReport.render(report);

    assertTrue(json.contains("\"rtoObjective\" : \"PT30M\""), json);
    assertTrue(json.contains("\"rtoAchieved\" : \"PT42M\""), json);
    assertTrue(json.contains("\"rtoBreached\" : true"), json);
    assertTrue(json.contains("\"breached\" : true"), json);
    assertTrue(json.contains("\"start\" : \"2024-01-15T03:30:00Z\""), json);
    assertEquals(report, JsonReport.parse(json));
  }
}
