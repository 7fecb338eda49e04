package dev.drrunbooks.incident;

import dev.drrunbooks.runbook.Procedure;

/** The runbook's P1 incident response, from open to the post-incident review. */
public final class IncidentResponse {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<IncidentResponseWorkflow, IncidentResult> PROCEDURE =
      Procedure.of(IncidentResponseWorkflow.class, IncidentResponseWorkflowImpl.class)
          .startedBy("incident", IncidentResponseWorkflowImpl.RULES)
          .reportedAs(IncidentResponseReport.MAPPING);

  private IncidentResponse() {}
}
