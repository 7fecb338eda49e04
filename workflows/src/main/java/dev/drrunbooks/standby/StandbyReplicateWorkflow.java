package dev.drrunbooks.standby;

import dev.drrunbooks.approval.Approvable;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's replicate-back (issue 17): once the old primary's region is back after a standby
 * failover, re-create the standby in the other direction, a cross-region read replica of the
 * promoted standby in the old primary's region, under the old primary's name, and wait until it
 * replicates. The old primary, when it is still there, goes first only where the catalog marks it
 * replaceable and a gate ({@value StandbyReplicateWorkflowImpl#GATE_STEP}) approves.
 */
@WorkflowInterface
public interface StandbyReplicateWorkflow extends Approvable {

  @WorkflowMethod(name = "StandbyReplicate")
  StandbyReplicateResult run(StandbyReplicateInput input);

  @QueryMethod
  StandbyStatus status();
}
