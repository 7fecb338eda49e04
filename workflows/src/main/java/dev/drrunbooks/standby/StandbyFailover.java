package dev.drrunbooks.standby;

import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.runbook.Procedure;

/** The standby failover's entry in the runbook ({@link dev.drrunbooks.runbook.Runbook}). */
public final class StandbyFailover {
  public static final Procedure<StandbyFailoverWorkflow, StandbyFailoverResult> PROCEDURE =
      Procedure.of(StandbyFailoverWorkflow.class, StandbyFailoverWorkflowImpl.class)
          .startedBy("standby-failover", StandbyFailoverWorkflowImpl.RULES)
          .locking(LockedResource.STANDBY)
          .reportedAs(StandbyFailoverReport.MAPPING);

  private StandbyFailover() {}
}
