package dev.drrunbooks.failover;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.GateDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's multi-region failover: check the primary, check the target, wait for approval where
 * the policy says so, switch the weighted record (in stages), verify, and put the weights back if
 * verification fails. Failback is the same in the other direction. One run per DNS record at a time:
 * the starter derives the workflow id from the record.
 */
@WorkflowInterface
public interface DnsFailoverWorkflow {

  @WorkflowMethod(name = "DnsFailover")
  DnsFailoverResult run(DnsFailoverInput input);

  @UpdateMethod
  GateDecision approve(Approval approval);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Approval approval);

  @UpdateMethod
  GateDecision abort(Approval approval);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(Approval approval);

  /** For bots that can only signal: the same answer as {@link #approve}, ignored (and recorded) if it does not fit. */
  @SignalMethod(name = "approveSignal")
  void approveSignal(Approval approval);

  @SignalMethod(name = "abortSignal")
  void abortSignal(Approval approval);

  @QueryMethod
  FailoverStatus status();
}
