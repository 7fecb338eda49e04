package dev.drrunbooks.standby;

import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.runbook.Procedure;

/**
 * The standby instantiate's entry in the runbook ({@link dev.drrunbooks.runbook.Runbook}). It takes
 * the standby failover's lock: an instantiate never runs during a failover of the same service.
 */
public final class StandbyInstantiate {
  public static final Procedure<StandbyInstantiateWorkflow, StandbyInstantiateResult> PROCEDURE =
      Procedure.of(StandbyInstantiateWorkflow.class, StandbyInstantiateWorkflowImpl.class)
          .startedBy("standby-instantiate", StandbyInstantiateWorkflowImpl.RULES)
          .locking(LockedResource.STANDBY)
          .reportedAs(StandbyInstantiateReport.MAPPING);

  private StandbyInstantiate() {}
}
