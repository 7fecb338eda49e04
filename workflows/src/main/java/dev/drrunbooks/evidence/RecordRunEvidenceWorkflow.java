package dev.drrunbooks.evidence;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Writes one ended run into the evidence ledger, retrying until the ledger takes it: started by
 * every procedure run as it ends ({@link dev.drrunbooks.runbook.RunLedgerInterceptor}) and left to
 * finish on its own, so a ledger that is down (it may be in the region that failed) never holds up
 * a recovery, and a run's evidence is not lost while it is.
 */
@WorkflowInterface
public interface RecordRunEvidenceWorkflow {
  @WorkflowMethod(name = "RecordRunEvidence")
  LedgerReceipt record(EndedRunEvidence run);
}
