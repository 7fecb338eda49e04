package dev.drrunbooks.fleet;

import dev.drrunbooks.runbook.Procedure;

/** The weekly backup test of every service (or a selection) in one run, a bounded few at a time. */
public final class FleetValidation {
  /** The procedure's key: run ids, the DrProcedure search attribute, reports. */
  public static final String KEY = "fleet-validation";

  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<FleetValidationWorkflow, FleetValidationResult> PROCEDURE =
      Procedure.of(FleetValidationWorkflow.class, FleetValidationWorkflowImpl.class)
          .startedBy("validate-backups-all", FleetValidationWorkflowImpl.RULES)
          .reportedAs(FleetValidationReport.MAPPING);

  private FleetValidation() {}
}
