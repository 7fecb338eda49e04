package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.RunReport;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code dr evidence} reads back from the sandbox's ledger about each run's gates: the
 * decisions written with the run (who, verified or not, channel, when, what, why), or, for a run
 * recorded before the ledger kept them, its timeline's approval steps.
 */
class LedgerAuditTrailSandboxTest {
  private static final Instant SINCE = LedgerEvidence.START.minus(Duration.ofDays(1));

  private final List<String> written = new ArrayList<>();
  private final LedgerActivitiesImpl ledger =
      new LedgerActivitiesImpl(Optional.of(SandboxLedger.settings()), SandboxAws.clients());
  private final LedgerQueryActivitiesImpl queries = new LedgerQueryActivitiesImpl(ledger);

  @BeforeAll
  static void migrated() {
    SandboxLedger.migrate();
  }

  @AfterEach
  void deleteWhatWasWritten() throws SQLException {
    for (String id : written) SandboxLedger.delete(id);
  }

  private String id(String prefix) {
    String id = LedgerEvidence.uniqueId(prefix);
    written.add(id);
    return id;
  }

  private AuditedRun audited(String id) {
    return queries.auditTrail(SINCE, "inventory").stream()
        .filter(r -> r.workflowId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not in the audit trail"));
  }

  private static final Instant GATE = LedgerEvidence.START.plusSeconds(30);

  @Test
  void aRunsApprovalsComeBackAsWrittenInTheOrderDecidedNotItsTimelines() {
    String id = id("audit");
    ledger.recordRun(
        new EndedRunEvidence(
            id,
            UUID.randomUUID().toString(),
            "DnsFailover",
            failover(id),
            LedgerEvidence.TWO_APPROVALS));

    assertEquals(LedgerEvidence.TWO_APPROVALS, audited(id).approvals());
  }

  @Test
  void aRunRecordedBeforeApprovalsWereKeptShowsItsTimelinesApprovalSteps() {
    String id = id("legacy");
    ledger.recordRun(
        new EndedRunEvidence(id, UUID.randomUUID().toString(), "DnsFailover", failover(id)));

    assertEquals(
        List.of(
            ApprovalRecord.fromTimeline(
                "switch-traffic", GATE, "APPROVED by alice: primary returns 503 (update)")),
        audited(id).approvals());
  }

  /** A failover of inventory whose timeline has its gate's step, as ApprovalGate records it. */
  private static RunReport failover(String id) {
    return RunReport.builder(id, "dns-failover", "DNS failover of inventory")
        .outcome("SWITCHED", true, "switched")
        .stepsOf(
            "inventory",
            List.of(
                new TimelineEntry(
                    "approval: switch-traffic",
                    GATE,
                    GATE.plusSeconds(90),
                    Outcome.SUCCEEDED,
                    "APPROVED by alice: primary returns 503 (update)"),
                new TimelineEntry(
                    "shift 100% to Secondary",
                    GATE.plusSeconds(90), GATE.plusSeconds(150), Outcome.SUCCEEDED, "INSYNC")))
        .build();
  }
}
