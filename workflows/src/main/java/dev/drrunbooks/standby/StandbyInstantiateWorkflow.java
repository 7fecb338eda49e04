package dev.drrunbooks.standby;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The standby's instantiate step (issue 17): audits, and with {@code apply} creates, the
 * cross-region read replica each service whose catalog strategy is {@code replica} keeps as its
 * warm standby. Idempotent: a second apply finds the replica compliant and changes nothing. What it
 * creates stays after the run (it is the standby).
 */
@WorkflowInterface
public interface StandbyInstantiateWorkflow {

  @WorkflowMethod(name = "StandbyInstantiate")
  StandbyInstantiateResult run(StandbyInstantiateInput input);

  @QueryMethod
  StandbyInstantiateStatus status();
}
