package dev.drrunbooks.starter.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.AuditedRun.AuditedObjective;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail in each format {@code dr evidence} writes, from fixed runs. */
class EvidenceFormatTest {
  private static final Instant SINCE = Instant.parse("2025-12-01T00:00:00Z");

  /**
   * Two approvers at a failover's gate: a verified Slack user who typed another name (and a pipe),
   * and a typed name carried by an unverified signal.
   */
  static final List<ApprovalRecord> APPROVALS =
      List.of(
          new ApprovalRecord(
              "switch-traffic",
              "APPROVED",
              "slack:U0123",
              true,
              "the | on-call",
              "slack button (signal)",
              Instant.parse("2026-11-15T08:02:00Z"),
              "primary returns 503"),
          new ApprovalRecord(
              "switch-traffic",
              "APPROVED",
              "bob",
              false,
              "bob",
              "signal",
              Instant.parse("2026-11-15T08:03:30Z"),
              "agreed, \"go\""));

  /**
   * A drill that breached Inventory's RPO, a failover approved at its gate by two approvers, and
   * one whose gate timed out.
   */
  static final List<AuditedRun> RUNS =
      List.of(
          new AuditedRun(
              "dr-drill-inventory-20261101T100000Z-k3f9",
              "dr-drill",
              "DR drill of inventory",
              List.of("inventory"),
              Instant.parse("2026-11-01T10:00:00Z"),
              Instant.parse("2026-11-01T10:40:00Z"),
              "PASSED",
              true,
              true,
              List.of(new AuditedObjective("inventory", 1800.0, 750.5, false, 300.0, 420.0, true)),
              List.of(),
              "http://ui/runs/dr-drill-inventory-20261101T100000Z-k3f9"),
          new AuditedRun(
              "dns-failover-payments-20261115T080000Z-a1b2",
              "dns-failover",
              "DNS failover of payments",
              List.of("payments"),
              Instant.parse("2026-11-15T08:00:00Z"),
              Instant.parse("2026-11-15T08:09:00Z"),
              "SWITCHED",
              true,
              false,
              List.of(new AuditedObjective("payments", 900.0, 540.0, false, null, null, false)),
              APPROVALS,
              null),
          new AuditedRun(
              "dns-failover-inventory-20261001T080000Z-c3d4",
              "dns-failover",
              "DNS failover of inventory",
              List.of("inventory"),
              Instant.parse("2026-10-01T08:00:00Z"),
              Instant.parse("2026-10-01T08:31:00Z"),
              "ABORTED",
              false,
              false,
              List.of(),
              List.of(
                  new ApprovalRecord(
                      "switch-traffic",
                      "TIMED_OUT_ABORTED",
                      ApprovalRecord.NOBODY,
                      false,
                      null,
                      ApprovalRecord.TIMER,
                      Instant.parse("2026-10-01T08:30:00Z"),
                      "no answer within 30m; the default is to abort")),
              null));

  @Test
  void markdownIsOneTableWithAchievedAgainstObjectiveAndApprovals() {
    String md = EvidenceFormat.md.render(RUNS, SINCE, null);
    assertTrue(
        md.startsWith(
            "# DR evidence since 2025-12-01T00:00:00Z\n\n"
                + "3 run(s): 2 passed, 1 with an objective breached."),
        md);
    assertTrue(
        md.contains(
            "| 2026-11-01T10:40:00Z | dr-drill | inventory | PASSED | inventory RTO 12.5m of 30m"
                + " met, RPO 7m of 5m BREACHED | - |"
                + " [dr-drill-inventory-20261101T100000Z-k3f9](http://ui/runs/dr-drill-inventory-20261101T100000Z-k3f9)"
                + " |"),
        md);
    assertTrue(
        md.contains(
            "| payments RTO 9m of 15m met, RPO - | switch-traffic: APPROVED by slack:U0123"
                + " (verified, named 'the \\| on-call') via slack button (signal) at"
                + " 2026-11-15T08:02:00Z: primary returns 503; switch-traffic: APPROVED by bob"
                + " (unverified) via signal at 2026-11-15T08:03:30Z: agreed, \"go\" |"
                + " dns-failover-payments-20261115T080000Z-a1b2 |"),
        md);
    assertTrue(
        md.contains(
            "| ABORTED (not passed) |  | switch-traffic: TIMED_OUT_ABORTED at 2026-10-01T08:30:00Z:"
                + " no answer within 30m; the default is to abort |"),
        md);
  }

  @Test
  void csvHasAHeaderAndOneRowPerRunAndServiceQuotedAsRfc4180() {
    List<String> lines = EvidenceFormat.csv.render(RUNS, SINCE, null).lines().toList();
    assertEquals(
        "workflowId,procedure,service,startedAt,endedAt,outcome,passed,rtoObjectiveSeconds,"
            + "rtoAchievedSeconds,rtoBreached,rpoObjectiveSeconds,rpoAchievedSeconds,rpoBreached,"
            + "approvals,runLink",
        lines.get(0));
    assertEquals(
        "dr-drill-inventory-20261101T100000Z-k3f9,dr-drill,inventory,2026-11-01T10:00:00Z,"
            + "2026-11-01T10:40:00Z,PASSED,true,1800.0,750.5,false,300.0,420.0,true,,"
            + "http://ui/runs/dr-drill-inventory-20261101T100000Z-k3f9",
        lines.get(1));
    assertEquals(
        "dns-failover-payments-20261115T080000Z-a1b2,dns-failover,payments,2026-11-15T08:00:00Z,"
            + "2026-11-15T08:09:00Z,SWITCHED,true,900.0,540.0,false,,,false,"
            + "\"switch-traffic: APPROVED by slack:U0123 (verified, named 'the | on-call') via"
            + " slack button (signal) at 2026-11-15T08:02:00Z: primary returns 503;"
            + " switch-traffic: APPROVED by bob (unverified) via signal at 2026-11-15T08:03:30Z:"
            + " agreed, \"\"go\"\"\",",
        lines.get(2));
    assertEquals(4, lines.size());
  }

  @Test
  void jsonIsOneObjectPerRunPerLine() throws Exception {
    List<String> lines = EvidenceFormat.json.render(RUNS, SINCE, null).lines().toList();
    assertEquals(3, lines.size());
    JsonNode drill = new ObjectMapper().readTree(lines.get(0));
    assertEquals("dr-drill-inventory-20261101T100000Z-k3f9", drill.get("workflowId").asText());
    assertEquals(420.0, drill.get("objectives").get(0).get("rpoAchievedSeconds").asDouble());
    assertTrue(drill.get("objectives").get(0).get("rpoBreached").asBoolean());
    assertEquals("2026-11-01T10:40:00Z", drill.get("endedAt").asText());
    assertEquals(0, drill.get("approvals").size());

    JsonNode approvals = new ObjectMapper().readTree(lines.get(1)).get("approvals");
    assertEquals(2, approvals.size());
    JsonNode first = approvals.get(0);
    assertEquals("switch-traffic", first.get("step").asText());
    assertEquals("APPROVED", first.get("decision").asText());
    assertEquals("slack:U0123", first.get("who").asText());
    assertTrue(first.get("verified").asBoolean());
    assertEquals("the | on-call", first.get("named").asText());
    assertEquals("slack button (signal)", first.get("channel").asText());
    assertEquals("2026-11-15T08:02:00Z", first.get("at").asText());
    assertEquals("primary returns 503", first.get("why").asText());
    assertEquals("bob", approvals.get(1).get("who").asText());
    assertFalse(approvals.get(1).get("verified").asBoolean(), "a typed name is unverified");
  }

  @Test
  void sinceIsAPeriodBackOrADate() {
    Instant now = Instant.parse("2026-12-02T09:00:00Z");
    assertEquals(Instant.parse("2025-12-02T09:00:00Z"), AuditPeriod.since("12m", now));
    assertEquals(Instant.parse("2025-12-02T09:00:00Z"), AuditPeriod.since("12mo", now));
    assertEquals(Instant.parse("2026-09-03T09:00:00Z"), AuditPeriod.since("90d", now));
    assertEquals(Instant.parse("2026-10-21T09:00:00Z"), AuditPeriod.since("6w", now));
    assertEquals(Instant.parse("2025-12-02T09:00:00Z"), AuditPeriod.since("1y", now));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), AuditPeriod.since("2026-01-01", now));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AuditPeriod.since("last year", now));
    assertEquals(
        "--since: 'last year' is not a period or a date; allowed: a number of days, weeks, months"
            + " or years back (90d, 6w, 12m, 1y) or a date (2026-01-01)",
        e.getMessage());
  }
}
