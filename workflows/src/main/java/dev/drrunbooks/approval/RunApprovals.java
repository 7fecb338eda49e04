package dev.drrunbooks.approval;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import io.temporal.workflow.WorkflowLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Every gate decision of this run so far, as the ledger's rows, in the order the gates were
 * decided: {@link ApprovalGate} adds each decision, the run's end sends them to the ledger ({@code
 * runbook.RunLedgerInterceptor}), whether the run completed, failed or was cancelled (an approved
 * failover that then failed still shows who approved it). Workflow state only: it changes no
 * command.
 */
public final class RunApprovals {
  private static final WorkflowLocal<List<ApprovalRecord>> DECIDED =
      WorkflowLocal.withCachedInitial(ArrayList::new);

  private RunApprovals() {}

  /** Adds a gate's rows (call from workflow code). */
  static void add(List<ApprovalRecord> records) {
    DECIDED.get().addAll(records);
  }

  /** This run's approval rows so far, oldest first (call from workflow code). */
  public static List<ApprovalRecord> all() {
    return List.copyOf(DECIDED.get());
  }
}
