package dev.drrunbooks.fleet;

import dev.drrunbooks.runbook.Procedure;

/**
 * The DR drill of several services (or all) in one run, each drilled by its own DR drill child run
 * in its own test environment, a bounded few at a time.
 */
public final class FleetDrill {
  /** The procedure's key: run ids, the DrProcedure search attribute, reports. */
  public static final String KEY = "fleet-drill";

  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<FleetDrillWorkflow, FleetDrillResult> PROCEDURE =
      Procedure.of(FleetDrillWorkflow.class, FleetDrillWorkflowImpl.class)
          .startedBy("drill-all", FleetDrillWorkflowImpl.RULES)
          .reportedAs(FleetDrillReport.MAPPING);

  private FleetDrill() {}
}
