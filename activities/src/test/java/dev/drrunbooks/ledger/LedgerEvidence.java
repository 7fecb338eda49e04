package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Ended runs as the ledger receives them: a drill over two services, with ids of their own. */
final class LedgerEvidence {
  static final Instant START = Instant.parse("2026-11-27T13:30:05.250Z");

  private LedgerEvidence() {}

  /** A workflow id no other test run uses. */
  static String uniqueId(String prefix) {
    return "ledger-test-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Two approvals at the gate {@code switch-traffic}: a verified operator through {@code dr
   * approve}, then a typed name through an unverified signal.
   */
  static final List<ApprovalRecord> TWO_APPROVALS =
      List.of(
          new ApprovalRecord(
              "switch-traffic",
              "APPROVED",
              "operator:alice",
              true,
              "alice",
              "dr approve (update)",
              START.plusSeconds(100),
              "primary returns 503"),
          new ApprovalRecord(
              "switch-traffic",
              "APPROVED",
              "bob",
              false,
              "bob",
              "signal",
              START.plusMillis(160_125),
              "confirmed by the on-call"));

  /**
   * A drill of inventory (RTO 45 min achieved in 12 min 30.5 s, RPO 5 min breached at 7 min) and
   * payments (RTO only), three steps (one of the run's own), one with no end, and {@link
   * #TWO_APPROVALS} (a fixture: the ledger does not ask which procedures have gates).
   */
  static EndedRunEvidence drill(String workflowId) {
    return of(workflowId, "the drill passed", "restore-db took 12m30.5s");
  }

  /** The same drill, {@code detail} on its first step. */
  static EndedRunEvidence of(String workflowId, String summary, String detail) {
    RunReport report =
        RunReport.builder(workflowId, "dr-drill", "DR drill of inventory, payments")
            .outcome("PASSED", true, summary)
            .service(
                "inventory",
                List.of(
                    new TimelineEntry(
                        "restore-db", START, START.plusMillis(750_500), Outcome.SUCCEEDED, detail)),
                ObjectiveCheck.of(
                    Duration.ofMinutes(45), Duration.ofMillis(750_500), "from run start"),
                ObjectiveCheck.of(Duration.ofMinutes(5), Duration.ofMinutes(7), "newest snapshot"),
                null,
                true)
            .service(
                "payments",
                List.of(
                    new TimelineEntry(
                        "smoke-test", START.plusSeconds(800), null, Outcome.FAILED, "no answer")),
                ObjectiveCheck.of(Duration.ofMinutes(30), null, "from run start"),
                null,
                null,
                false)
            .steps(
                List.of(
                    new TimelineEntry(
                        "cleanup",
                        START.plusSeconds(900),
                        START.plusSeconds(960),
                        Outcome.SUCCEEDED,
                        null)))
            .runLink("http://127.0.0.1:8233/namespaces/default/workflows/" + workflowId)
            .build();
    return new EndedRunEvidence(
        workflowId, UUID.randomUUID().toString(), "DrDrill", report, TWO_APPROVALS);
  }
}
