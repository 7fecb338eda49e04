package dev.drrunbooks.gateway.steer;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.incident.Acknowledgement;
import dev.drrunbooks.incident.IncidentNote;
import dev.drrunbooks.incident.IncidentStatus;

/**
 * Carries out a {@link SteerCommand} as the run's update: approve and abort only for identities
 * {@link Approvers} allows, sent with the approver header so the run's gate applies the catalog's
 * approval policy to the verified identity (a refusal by it is a 403); acknowledge and note for any
 * verified identity (the run's validators still apply).
 */
public final class CommandRunner {
  private final RunSteering steering;
  private final Approvers approvers;

  public CommandRunner(RunSteering steering, Approvers approvers) {
    this.steering = steering;
    this.approvers = approvers;
  }

  /** The verified identity as the run's gate sees it: "slack:U0123" via "gateway (slack)". */
  static Approver approver(String identity) {
    int colon = identity.indexOf(':');
    return new Approver(
        identity, "gateway (" + (colon > 0 ? identity.substring(0, colon) : identity) + ")");
  }

  /**
   * @throws dev.drrunbooks.gateway.Refusal 403 (approver not allowed), 404 (unknown run), 409
   *     (ended run, or the run's validator refused)
   */
  public Answer run(SteerCommand command) {
    if (command instanceof SteerCommand.Approve a) {
      approvers.require(a.who());
      return steering.updateAs(
          approver(a.who()),
          a.run(),
          "approve",
          new Approval(a.step(), a.who(), a.why()),
          GateDecision.class);
    }
    if (command instanceof SteerCommand.Abort a) {
      approvers.require(a.who());
      return steering.updateAs(
          approver(a.who()),
          a.run(),
          "abort",
          new Approval(a.step(), a.who(), a.why()),
          GateDecision.class);
    }
    if (command instanceof SteerCommand.Acknowledge a)
      return steering.update(
          a.run(), "acknowledge", new Acknowledgement(a.who(), a.why()), IncidentStatus.class);
    SteerCommand.Note n = (SteerCommand.Note) command;
    return steering.update(
        n.run(), "note", new IncidentNote(n.who(), n.text(), n.kind()), IncidentStatus.class);
  }
}
