package dev.drrunbooks.evidence;

import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.LedgerQueryActivities;
import dev.drrunbooks.model.ActivityDefaults;
import java.util.List;

public class ExportEvidenceWorkflowImpl implements ExportEvidenceWorkflow {
  private final LedgerQueryActivities ledger =
      ActivityDefaults.shortCallStub(LedgerQueryActivities.class);

  @Override
  public List<AuditedRun> export(EvidenceRequest request) {
    return ledger.auditTrail(request.since(), request.service());
  }
}
