package dev.drrunbooks.standby;

import dev.drrunbooks.approval.Approvable;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's standby failover (issue 17): promote a service's warm standby, the cross-region
 * read replica the catalog names, once its lag is known to be within the RPO (or the data loss is
 * accepted) and the gate approves; move the application's database pointer to it; check its data;
 * report the RTO and RPO achieved. Answers the gate {@value StandbyFailoverWorkflowImpl#GATE_STEP}
 * as every gated procedure does ({@link Approvable}).
 */
@WorkflowInterface
public interface StandbyFailoverWorkflow extends Approvable {

  @WorkflowMethod(name = "StandbyFailover")
  StandbyFailoverResult run(StandbyFailoverInput input);

  @QueryMethod
  StandbyStatus status();
}
