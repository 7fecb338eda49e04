package dev.drrunbooks.standby;

import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.runbook.Procedure;

/** The replicate-back's entry in the runbook ({@link dev.drrunbooks.runbook.Runbook}). */
public final class StandbyReplicate {
  public static final Procedure<StandbyReplicateWorkflow, StandbyReplicateResult> PROCEDURE =
      Procedure.of(StandbyReplicateWorkflow.class, StandbyReplicateWorkflowImpl.class)
          .startedBy("standby-replicate", StandbyReplicateWorkflowImpl.RULES)
          .locking(LockedResource.STANDBY)
          .reportedAs(StandbyReplicateReport.MAPPING);

  private StandbyReplicate() {}
}
