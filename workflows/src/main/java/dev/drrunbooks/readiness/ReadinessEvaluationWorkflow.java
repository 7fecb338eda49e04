package dev.drrunbooks.readiness;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Checks what recovery needs before it is needed, for every service (or one): recovery points in
 * each region against the RPO, the backup policy, the standby's capacity and DNS, and what the
 * ledger's measured steps predict of the RTO. Run by a catalog schedule every 30 minutes.
 */
@WorkflowInterface
public interface ReadinessEvaluationWorkflow {

  @WorkflowMethod(name = "ReadinessEvaluation")
  ReadinessResult evaluate(ReadinessInput input);

  /** The phase, and the service being checked. */
  @QueryMethod
  String status();
}
