package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.runbook.Procedure;

/**
 * The runbook's ECS service recovery: the stable task definition, scaled, steady or rolled back;
 * one run per service at a time.
 */
public final class EcsServiceRecovery {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<EcsServiceRecoveryWorkflow, EcsRecoveryResult> PROCEDURE =
      Procedure.of(EcsServiceRecoveryWorkflow.class, EcsServiceRecoveryWorkflowImpl.class)
          .startedBy("recover-ecs", EcsServiceRecoveryWorkflowImpl.RULES)
          .locking(LockedResource.ECS_SERVICE)
          .reportedAs(EcsRecoveryReport.MAPPING);

  private EcsServiceRecovery() {}
}
