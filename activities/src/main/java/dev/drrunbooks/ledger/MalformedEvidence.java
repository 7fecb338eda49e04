package dev.drrunbooks.ledger;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.RunReport;
import io.temporal.failure.ApplicationFailure;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evidence the ledger cannot store however often it is asked: refused before any connection with a
 * non-retryable failure of type {@value #TYPE} naming what is wrong, so the write is not retried
 * for days. The run's history (and {@code dr report RUN}) still has the report.
 */
final class MalformedEvidence {
  /** The failure type of evidence that cannot be stored. */
  static final String TYPE = "LedgerEvidenceMalformed";

  private MalformedEvidence() {}

  /**
   * @throws ApplicationFailure ({@value #TYPE}, non-retryable) when a key column would be missing
   *     (workflow id, run id, workflow type, the report or its procedure; a gate decision's step,
   *     who, time or decision), the report is of another run, or its objectives name no service or
   *     one service twice (one row per service)
   */
  static void check(EndedRunEvidence run) {
    if (run == null) throw refused("no evidence was given");
    String id = run.workflowId();
    if (blank(id)) throw refused("the evidence has no workflow id");
    if (blank(run.runId())) throw refused(id + ": the evidence has no run id");
    if (blank(run.workflowType())) throw refused(id + ": the evidence has no workflow type");
    RunReport report = run.report();
    if (report == null) throw refused(id + ": the evidence has no report");
    if (report.workflowId() != null && !report.workflowId().equals(id)) {
      throw refused(id + ": the report is of another run, " + report.workflowId());
    }
    if (blank(report.procedure())) throw refused(id + ": the report names no procedure");
    checkApprovals(id, run.approvals());
    Set<String> services = new HashSet<>();
    for (ObjectiveRow o : report.objectives()) {
      if (blank(o.service())) throw refused(id + ": an objective row names no service");
      if (!services.add(o.service())) {
        throw refused(id + ": the objectives list service " + o.service() + " twice");
      }
    }
  }

  /** Each decision fills {@code run_approvals}' NOT NULL columns: step, who, when and what. */
  private static void checkApprovals(String id, List<ApprovalRecord> approvals) {
    for (int i = 0; i < approvals.size(); i++) {
      ApprovalRecord a = approvals.get(i);
      String missing =
          blank(a.step())
              ? "step"
              : blank(a.who())
                  ? "who"
                  : a.at() == null ? "time" : blank(a.decision()) ? "decision" : null;
      if (missing != null)
        throw refused(
            id + ": approval " + (i + 1) + " of " + approvals.size() + " has no " + missing);
    }
  }

  /** A failure of {@value #TYPE} for evidence the database refused (SQLSTATE class 22 or 23). */
  static ApplicationFailure refused(String why) {
    return ApplicationFailure.newNonRetryableFailure(
        "the evidence ledger cannot store this run: " + why, TYPE);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
