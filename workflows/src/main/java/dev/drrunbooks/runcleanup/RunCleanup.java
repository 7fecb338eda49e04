package dev.drrunbooks.runcleanup;

import dev.drrunbooks.runbook.Procedure;

/** Deletes what an ended run left behind, as its ownership tags prove. */
public final class RunCleanup {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<RunCleanupWorkflow, RunCleanupResult> PROCEDURE =
      Procedure.of(RunCleanupWorkflow.class, RunCleanupWorkflowImpl.class)
          .startedBy("cleanup", RunCleanupWorkflowImpl.RULES)
          .reportedAs(RunCleanupReport.MAPPING);

  private RunCleanup() {}
}
