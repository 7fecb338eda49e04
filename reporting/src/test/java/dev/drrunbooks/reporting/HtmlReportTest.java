package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.report.ReportFixtures;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.TestReports;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  @Test
  void aMissedRtoIsMarkedBreachedOnItsRowInTheHeaderAndOnTheChart() {
    RunReport report =
        TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-inventory-20240115T0330Z");
    String html = HtmlReport.render(report);

    Matcher row =
        Pattern.compile("<tr class=\"objective breached\" data-service=\"inventory\">(.*?)</tr>")
            .matcher(html);
    assertTrue(row.find(), "the inventory row is marked breached:\n" + html);
    assertTrue(
        row.group(1).contains("<td class=\"verdict breach\" data-objective=\"rto\">BREACHED</td>"),
        row.group(1));
    assertTrue(
        row.group(1).contains("<td class=\"verdict met\" data-objective=\"rpo\">met</td>"),
        "the RPO (5m against 15m) was met: " + row.group(1));
    assertTrue(
        row.group(1).contains(">42m<"),
        "achieved RTO from the incident at 03:10 to 03:52: " + row.group(1));
    assertTrue(
        html.contains("<span class=\"badge bad\" id=\"breached\">RTO BREACHED</span>"), html);

    assertEquals(5, count(html, "<rect class=\"bar "), "one bar per step");
    assertEquals(
        1, count(html, "<line class=\"rto-line breach\""), "the objective line, drawn as breached");
    // The axis runs from the incident (03:10) to the run's end (03:53); the line is at 03:40.
    double expected =
        HtmlReport.PLOT_LEFT + 30.0 / 43 * (HtmlReport.PLOT_RIGHT - HtmlReport.PLOT_LEFT);
    assertTrue(
        html.contains(
            "<line class=\"rto-line breach\" x1=\""
                + String.format(Locale.ROOT, "%.1f", expected)
                + "\""),
        "the line sits 30 minutes after the incident on the axis:\n" + html);
    assertTrue(
        html.contains("<tspan class=\"breach-mark\">BREACHED</tspan>"), "the chart says BREACHED");
    assertTrue(
        html.contains("<rect class=\"breach-zone\""), "the time past the objective is shaded");
    assertTrue(html.contains(">incident</text>"), "the RTO clock starts at the incident, marked");
  }

  @Test
  void aRunThatMetItsObjectiveHasADashedLineAndNoBreachMark() {
    RunReport report =
        TestReports.from(
            ReportFixtures.backupValidation(),
            "backup-validation-inventory-x",
            new dev.drrunbooks.catalog.Objectives(
                java.time.Duration.ofMinutes(30), java.time.Duration.ofMinutes(15)));
    String html = HtmlReport.render(report);

    assertFalse(html.contains("BREACHED"), html);
    assertEquals(1, count(html, "<line class=\"rto-line\""), html);
    assertEquals(5, count(html, "<rect class=\"bar "));
    assertTrue(html.contains("met, achieved 6m, 24m to spare"), html);
    assertTrue(
        html.contains("<code>rds:backup-validation-inventory-v</code>"),
        "the clean-up table names the resource");
    assertTrue(html.contains("Everything this run created is gone."), html);
  }

  @Test
  void anRtoFarBeyondTheRunIsDrawnAtTheEdgeNotToScale() {
    var fast = ReportFixtures.backupValidation();
    RunReport report =
        TestReports.from(
            fast,
            "bv",
            new dev.drrunbooks.catalog.Objectives(
                java.time.Duration.ofHours(4), java.time.Duration.ofMinutes(15)));
    String html = HtmlReport.render(report);
    assertTrue(html.contains("(not to scale)"), html);
    assertTrue(html.contains("<path class=\"axis-break\""), html);
    assertEquals(1, count(html, "<line class=\"rto-line\""));
  }

  @Test
  void everythingFromTheRunIsEscaped() {
    String html =
        HtmlReport.render(
            TestReports.from(ReportFixtures.failoverWithHostileStrings(), "dns-failover-<x>"));

    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    assertTrue(html.contains("dns-failover-&lt;x&gt;"), html);
    assertTrue(html.contains("health?x=&lt;b&gt;"), "the probe URL is escaped too");
  }

  @Test
  void thePageIsSelfContained() {
    String html =
        HtmlReport.render(TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-x"));
    for (String external :
        new String[] {"<script", "<link", "<img", "@import", "url(", "@font-face", "<iframe"}) {
      assertFalse(html.contains(external), "no " + external);
    }
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<style>") && html.contains("<svg class=\"chart\""));
  }

  @Test
  void aFailedRunSaysItsTimelineIsUnavailable() {
    RunReport report =
        TestReports.failed(
            "pitr-inventory-y",
            "pitr",
            "Point-in-time restore of inventory",
            ReportFixtures.START,
            ReportFixtures.START.plusSeconds(90),
            "restore time 2030-01-01T00:00:00Z is after the latest restorable time",
            null);
    String html = HtmlReport.render(report);
    assertTrue(html.contains("<span class=\"badge bad\" id=\"outcome\">FAILED</span>"), html);
    assertTrue(html.contains("No timeline available."), html);
    assertTrue(html.contains("Not known: the run ended without a result."), html);
    assertTrue(html.contains("is after the latest restorable time"), html);
  }

  @Test
  void ticksAreRoundNumbers() {
    assertEquals(1_000, HtmlReport.tickMs(5_000));
    assertEquals(5_000, HtmlReport.tickMs(40_000));
    assertEquals(300_000, HtmlReport.tickMs(43 * 60_000));
    assertEquals(3_600_000, HtmlReport.tickMs(6 * 3_600_000));
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }

  @Test
  void aReportOverSeveralServicesLabelsEachStepWithItsService() {
    RunReport r =
        RunReport.builder("dr-drill-1", "dr-drill", "Monthly DR drill")
            .outcome("FAILED", false, "1 of 2 services failed")
            .service(
                "inventory",
                List.of(ReportFixtures.step("restore", 3, 20, Outcome.SUCCEEDED, "ok")),
                ObjectiveCheck.of(
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(20),
                    "from run start " + ReportFixtures.START),
                null,
                null,
                true)
            .service(
                "payments",
                List.of(ReportFixtures.step("restore", 3, 18, Outcome.FAILED, "timeout")),
                ObjectiveCheck.of(
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(18),
                    "from run start " + ReportFixtures.START),
                null,
                null,
                false)
            .build();
    assertTrue(
        HtmlReport.render(r).contains("payments \u00b7 restore"),
        "steps carry their service when there are several");
    assertTrue(
        MarkdownReport.render(r)
            .contains("| payments | 15m | 18m | **BREACHED** | - | - | - | **FAILED** |"));
  }

  @Test
  void linksToTheRunInTheUiOnlyOverHttp() {
    RunReport r = TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-1");
    assertTrue(!HtmlReport.render(r).contains("run-link"), "no link when unknown");
    assertTrue(
        HtmlReport.render(r.withRunLink("https://ui/x?a=1&b=2"))
            .contains(
                "<a id=\"run-link\" href=\"https://ui/x?a=1&amp;b=2\">in the Temporal UI</a>"));
    assertTrue(
        !HtmlReport.render(r.withRunLink("javascript:alert(1)")).contains("run-link"),
        "never a script URL");
    assertTrue(
        MarkdownReport.render(r.withRunLink("http://ui/x|y>"))
            .contains("| Run in the Temporal UI | <http://ui/x%7Cy%3E> |"));
    assertTrue(!MarkdownReport.render(r).contains("Run in the Temporal UI"));
    assertEquals(r, r.withRunLink(null));
  }
}
