package dev.drrunbooks.evidence;

import dev.drrunbooks.activities.ledger.AuditedRun;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * {@code dr evidence}: the worker reads the audit trail from the ledger it writes, so the operator
 * needs no login of the ledger's database.
 */
@WorkflowInterface
public interface ExportEvidenceWorkflow {
  @WorkflowMethod(name = "ExportEvidence")
  List<AuditedRun> export(EvidenceRequest request);
}
