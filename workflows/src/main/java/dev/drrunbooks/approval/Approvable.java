package dev.drrunbooks.approval;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * A workflow with approval gates. People approve or abort with an Update, validated before it is
 * accepted (which step, who, why); incident bots that can only signal send the same answer as a
 * signal ({@code {"step": "switch-traffic", "who": "pagerbot", "why": "P1 INC-7"}}), checked by the
 * same rules on receipt. One that does not fit the waiting gate (wrong step, no gate waiting, no
 * who or why, a malformed payload) is ignored and recorded: in the status query's {@code
 * ignoredAnswers} ({@code "approveSignal from pagerbot at <instant>: <reason>"}) and in the
 * timeline ({@code ignored signal approve}).
 */
public interface Approvable {

  @UpdateMethod
  GateDecision approve(Approval approval);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Approval approval);

  @UpdateMethod
  GateDecision abort(Approval approval);

  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(Approval approval);

  @SignalMethod(name = "approveSignal")
  void approveSignal(Approval approval);

  @SignalMethod(name = "abortSignal")
  void abortSignal(Approval approval);
}
