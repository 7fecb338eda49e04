package dev.drrunbooks.failover;

import dev.drrunbooks.approval.Approvable;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's multi-region failover: check the primary, check the target, wait for approval where
 * the policy says so, switch the weighted record (in stages), verify, and put the weights back if
 * verification fails. Failback is the same in the other direction. One run per DNS record at a
 * time: the starter derives the workflow id from the record.
 */
@WorkflowInterface
public interface DnsFailoverWorkflow extends Approvable {

  @WorkflowMethod(name = "DnsFailover")
  DnsFailoverResult run(DnsFailoverInput input);

  @QueryMethod
  FailoverStatus status();
}
