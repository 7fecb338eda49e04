package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.ledger.LedgerActivitiesImpl;
import dev.drrunbooks.ledger.SandboxLedger;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.report.HtmlReportScreenshotTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forecast end to end: the ledger holds measured recoveries of Payments whose restores take 14
 * to 21 minutes (seeded here, as earlier runs would have left them); a readiness evaluation on the
 * sandbox predicts its RTO from them, and {@code dr posture} flags Payments' 15-minute RTO as at
 * risk, naming the restore as the step that dominates; its HTML page is saved as a screenshot
 * ({@code starter/target/report-screenshots/posture-payments-at-risk.png}).
 */
class PostureEndToEndTest {
  private static final Instant NOW = Instant.now();
  private static final String ARCHIVE = "mycomputer-payments-archive";
  private static final List<String> seeded = new ArrayList<>();
  private static SandboxWorker worker;

  @BeforeAll
  static void seedAndStart() {
    SandboxLedger.migrate();
    LedgerActivitiesImpl ledger =
        new LedgerActivitiesImpl(Optional.of(SandboxLedger.settings()), SandboxAws.clients());
    int[] restoreMinutes = {14, 15, 16, 18, 19, 21};
    for (int i = 0; i < restoreMinutes.length; i++) {
      Instant start = NOW.minus(Duration.ofDays(30L * (i + 1)));
      String id = "posture-seed-payments-" + UUID.randomUUID().toString().substring(0, 8);
      seeded.add(id);
      List<TimelineEntry> steps =
          List.of(
              new TimelineEntry(
                  "approval: promote-standby",
                  start,
                  start.plusSeconds(240),
                  Outcome.SUCCEEDED,
                  "APPROVED by slack:U0PAYOPS: primary region down"),
              step(
                  "wait until mycomputer-payments-db-replica accepts writes",
                  start,
                  restoreMinutes[i] * 60),
              step("wait until the pointer's change is INSYNC", start, 40),
              step("wait until payments-service is steady", start, 150),
              step("shift 100% to Secondary", start, 70));
      RunReport report =
          RunReport.builder(id, "standby-failover", "Standby failover of payments")
              .outcome("COMPLETE", true, "a recovery measured for the forecast")
              .stepsOf("payments", steps)
              .objectives(
                  "payments",
                  dev.drrunbooks.model.ObjectiveCheck.of(
                      Duration.ofMinutes(15),
                      Duration.ofMinutes(restoreMinutes[i] + 8),
                      "from run start"),
                  null,
                  true)
              .period(start, start.plus(Duration.ofMinutes(40)))
              .build();
      ledger.recordRun(
          new EndedRunEvidence(id, UUID.randomUUID().toString(), "StandbyFailover", report));
    }
    worker = new SandboxWorker();
  }

  private static TimelineEntry step(String name, Instant start, long seconds) {
    return new TimelineEntry(name, start, start.plusSeconds(seconds), Outcome.SUCCEEDED, null);
  }

  @AfterAll
  static void removeSeedsAndStop() throws SQLException {
    try {
      for (String id : seeded) SandboxLedger.delete(id);
    } finally {
      worker.close();
    }
  }

  @Test
  void paymentsPredictedRtoAboveItsObjectiveIsFlaggedWithTheDominatingStep() throws Exception {
    S3ReplicationLatency.publish(worker.aws, ARCHIVE, 42.0);
    CliRun readiness = CliRun.of(worker.connectionArgs(), "readiness", "--service", "payments");
    assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, readiness.exitCode(), readiness.toString());
    assertTrue(
        readiness
            .out()
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("payments")
                        && l.contains("S3 replication of " + ARCHIVE)
                        && l.contains("behind over the last 15m")
                        && l.endsWith("FAIL")),
        "Payments' RPO is 0m: any replication latency misses it: " + readiness);
    assertTrue(
        readiness.out().lines().anyMatch(l -> l.matches("payments +NO +15m +0s +\\S+ +.*")),
        "figures under a minute in seconds, never '0 min': " + readiness);
    assertFalse(readiness.out().contains(" min"), readiness.toString());
    assertTrue(
        readiness
            .out()
            .contains(
                "predicted RTO at risk, dominated by read replica promotion until it accepts"
                    + " writes"),
        readiness.toString());

    Path page = HtmlReportScreenshotTest.SHOTS.resolve("posture.html");
    CliRun posture = CliRun.of(worker.connectionArgs(), "posture", "--html", page.toString());
    assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, posture.exitCode(), posture.toString());
    assertTrue(
        posture
            .out()
            .lines()
            .anyMatch(l -> l.startsWith("payments") && l.contains("AT RISK") && l.contains("15m")),
        posture.toString());
    assertTrue(
        posture.out().contains("payments: predicted RTO p90 ")
            && posture
                .out()
                .contains(
                    "exceeds the objective 15m; dominated by read replica promotion until it"
                        + " accepts writes"),
        posture.toString());
    assertTrue(
        posture.out().contains("REGION LOSS WOULD LOSE (what decided it)\n")
            && posture.out().lines().anyMatch(l -> l.startsWith("payments: ")),
        "what decided each service's predicted RPO: " + posture);
    String html = Files.readString(page);
    assertTrue(html.contains("class=\"rto-bar p90 at-risk\""), "the bar at risk is drawn");
    assertTrue(html.contains("dominated by read replica promotion until it accepts writes"), html);

    Path png =
        HtmlReportScreenshotTest.screenshot(
            page, HtmlReportScreenshotTest.SHOTS.resolve("posture-payments-at-risk.png"));
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
    assertTrue(Files.size(png) > 20_000, "a page, not a blank: " + Files.size(png) + " bytes");
  }

  @Test
  void evidenceListsTheRecoveriesWithAchievedAgainstObjectiveAndApprovalsInEachFormat()
      throws Exception {
    CliRun csv =
        CliRun.of(
            worker.connectionArgs(),
            "evidence",
            "--since",
            "1y",
            "--service",
            "payments",
            "--format",
            "csv");
    assertEquals(0, csv.exitCode(), csv.toString());
    List<String> lines = csv.out().lines().toList();
    assertTrue(lines.get(0).startsWith("workflowId,procedure,service,"), csv.toString());
    for (String id : seeded) {
      String row =
          lines.stream()
              .filter(l -> l.startsWith(id + ","))
              .findFirst()
              .orElseThrow(() -> new AssertionError(id + " missing:\n" + csv));
      assertTrue(row.contains(",standby-failover,payments,"), row);
      assertTrue(row.contains(",900.0,"), "the RTO objective in seconds: " + row);
      assertTrue(
          // seeded as runs recorded before the ledger kept approvals: read from their timelines
          row.contains(
              "promote-standby (from the run's timeline): APPROVED by slack:U0PAYOPS: primary"
                  + " region down"),
          row);
    }

    CliRun md =
        CliRun.of(worker.connectionArgs(), "evidence", "--since", "1y", "--service", "payments");
    assertEquals(0, md.exitCode(), md.toString());
    assertTrue(md.out().startsWith("# DR evidence since "), md.toString());
    assertTrue(md.out().contains(" for payments\n"), md.toString());
    assertTrue(
        md.out().contains("payments RTO 29m of 15m BREACHED"),
        "the 21-minute restore's run: " + md);

    CliRun json =
        CliRun.of(
            worker.connectionArgs(),
            "evidence",
            "--since",
            "1y",
            "--service",
            "payments",
            "--format",
            "json");
    assertEquals(0, json.exitCode(), json.toString());
    long seededLines =
        json.out().lines().filter(l -> seeded.stream().anyMatch(l::contains)).count();
    assertEquals(seeded.size(), seededLines, json.toString());

    CliRun bad = CliRun.of(worker.connectionArgs(), "evidence", "--since", "last year");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad.toString());
    assertTrue(
        bad.err().contains("--since: 'last year' is not a period or a date"), bad.toString());

    // a typo is refused, not answered with an empty trail
    CliRun typo = CliRun.of(worker.connectionArgs(), "evidence", "--service", "paymnets");
    assertEquals(ExitCodes.BAD_INPUT, typo.exitCode(), typo.toString());
    assertTrue(
        typo.err()
            .contains(
                "--service: 'paymnets' is not valid; allowed: customer-base, inventory, locations,"
                    + " payments (the services in the catalog)"),
        typo.toString());
  }
}
