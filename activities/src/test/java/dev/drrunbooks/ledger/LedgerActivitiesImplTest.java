package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.RunReport;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the ledger answers without a database: no ledger, evidence it refuses, a ledger down. */
class LedgerActivitiesImplTest {

  @Test
  void aWorkerWithoutALedgerAnswersNotRecordedNamingTheVariable() {
    LedgerReceipt receipt =
        new LedgerActivitiesImpl(Optional.empty(), null)
            .recordRun(LedgerEvidence.drill(LedgerEvidence.uniqueId("none")));

    assertFalse(receipt.recorded());
    assertTrue(receipt.detail().contains("DR_LEDGER_JDBC_URL"), receipt.detail());
  }

  @Test
  void evidenceThatCannotBeStoredIsRefusedForGoodBeforeAnyConnection() {
    // No database listens here: a refusal proves nothing was attempted.
    LedgerActivitiesImpl ledger = ledgerAt("jdbc:postgresql://127.0.0.1:1/nothing");
    EndedRunEvidence good = LedgerEvidence.drill("ledger-test-malformed");
    RunReport report = good.report();
    List<ObjectiveRow> twice = new ArrayList<>(report.objectives());
    twice.add(report.objectives().get(0));

    assertRefused(ledger, null, "no evidence was given");
    assertRefused(
        ledger,
        new EndedRunEvidence(" ", good.runId(), good.workflowType(), report),
        "no workflow id");
    assertRefused(
        ledger,
        new EndedRunEvidence(good.workflowId(), null, good.workflowType(), report),
        "no run id");
    assertRefused(
        ledger,
        new EndedRunEvidence(good.workflowId(), good.runId(), "DrDrill", null),
        "no report");
    assertRefused(
        ledger,
        new EndedRunEvidence("other-run", good.runId(), good.workflowType(), report),
        "the report is of another run, ledger-test-malformed");
    assertRefused(
        ledger,
        new EndedRunEvidence(
            good.workflowId(), good.runId(), good.workflowType(), with(report, twice)),
        "the objectives list service inventory twice");
    ApprovalRecord a = LedgerEvidence.TWO_APPROVALS.get(0);
    assertRefused(
        ledger,
        withApproval(
            good, new ApprovalRecord(" ", "APPROVED", "bob", false, "bob", null, a.at(), "x")),
        "approval 2 of 2 has no step");
    assertRefused(
        ledger,
        withApproval(
            good, new ApprovalRecord("s", "APPROVED", null, false, null, null, a.at(), "x")),
        "approval 2 of 2 has no who");
    assertRefused(
        ledger,
        withApproval(
            good, new ApprovalRecord("s", "APPROVED", "bob", false, "bob", null, null, "x")),
        "approval 2 of 2 has no time");
    assertRefused(
        ledger,
        withApproval(good, new ApprovalRecord("s", "", "bob", false, "bob", null, a.at(), "x")),
        "approval 2 of 2 has no decision");
  }

  /** {@code run} with its first approval and {@code second}. */
  private static EndedRunEvidence withApproval(EndedRunEvidence run, ApprovalRecord second) {
    return new EndedRunEvidence(
        run.workflowId(),
        run.runId(),
        run.workflowType(),
        run.report(),
        List.of(run.approvals().get(0), second));
  }

  @Test
  void aLedgerThatCannotBeReachedIsRetriedAndNoPasswordIsTold() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    LedgerActivitiesImpl ledger = ledgerAt("jdbc:postgresql://127.0.0.1:" + closed + "/dr_ledger");

    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> ledger.recordRun(LedgerEvidence.drill("ledger-test-unreachable")));

    assertEquals("LedgerUnavailable", f.getType());
    assertFalse(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("ledger-test-unreachable"), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains("127.0.0.1:" + closed), f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains("s3cret"), f.getOriginalMessage());
  }

  private static LedgerActivitiesImpl ledgerAt(String url) {
    return LedgerActivitiesImpl.fromEnvironment(
        Map.of(
            "DR_LEDGER_JDBC_URL", url, "DR_LEDGER_USER", "writer", "DR_LEDGER_PASSWORD", "s3cret"),
        null);
  }

  private static void assertRefused(LedgerActivitiesImpl ledger, EndedRunEvidence run, String why) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> ledger.recordRun(run));
    assertEquals("LedgerEvidenceMalformed", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains(why), f.getOriginalMessage());
  }

  private static RunReport with(RunReport r, List<ObjectiveRow> objectives) {
    return new RunReport(
        r.workflowId(),
        r.procedure(),
        r.title(),
        r.start(),
        r.end(),
        r.outcome(),
        r.passed(),
        r.breached(),
        r.summary(),
        objectives,
        r.timeline(),
        null,
        r.evidence(),
        r.cleanup(),
        r.notes(),
        r.runLink());
  }
}
