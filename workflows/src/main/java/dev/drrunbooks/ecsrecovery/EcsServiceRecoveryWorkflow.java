package dev.drrunbooks.ecsrecovery;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's ECS service recovery, with what the shell snippet lacked: a steady-state check, and
 * a roll back to the previous task definition when the service does not get there within the
 * budget.
 */
@WorkflowInterface
public interface EcsServiceRecoveryWorkflow {

  @WorkflowMethod(name = "EcsServiceRecovery")
  EcsRecoveryResult run(EcsRecoveryInput input);

  @QueryMethod
  String status();
}
