package dev.drrunbooks.approval;

import dev.drrunbooks.model.Timeline;

/** The answering side of {@link Approvable}, for workflow implementations to extend. */
public abstract class GatedWorkflow implements Approvable {
  protected final Timeline timeline = new Timeline();
  protected final ApprovalGate gate = new ApprovalGate(timeline);

  @Override
  public GateDecision approve(Approval approval) {
    return gate.answer(approval, true, "update");
  }

  @Override
  public void validateApprove(Approval approval) {
    gate.validate(approval, true);
  }

  @Override
  public GateDecision abort(Approval approval) {
    return gate.answer(approval, false, "update");
  }

  @Override
  public void validateAbort(Approval approval) {
    gate.validate(approval, false);
  }

  @Override
  public void approveSignal(Approval approval) {
    gate.answer(approval, true, "signal");
  }

  @Override
  public void abortSignal(Approval approval) {
    gate.answer(approval, false, "signal");
  }
}
