package dev.drrunbooks.gateway.steer;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.incident.Acknowledgement;
import dev.drrunbooks.incident.IncidentNote;
import dev.drrunbooks.incident.IncidentStatus;

/**
 * Carries out a {@link SteerCommand} as the run's update: approve and abort only for identities
 * {@link Approvers} allows; acknowledge and note for any verified identity (the run's validators
 * still apply).
 */
public final class CommandRunner {
  private final RunSteering steering;
  private final Approvers approvers;

  public CommandRunner(RunSteering steering, Approvers approvers) {
    this.steering = steering;
    this.approvers = approvers;
  }

  /**
   * @throws dev.drrunbooks.gateway.Refusal 403 (approver not allowed), 404 (unknown run), 409
   *     (ended run, or the run's validator refused)
   */
  public Answer run(SteerCommand command) {
    if (command instanceof SteerCommand.Approve a) {
      approvers.require(a.who());
      return steering.update(
          a.run(), "approve", new Approval(a.step(), a.who(), a.why()), GateDecision.class);
    }
    if (command instanceof SteerCommand.Abort a) {
      approvers.require(a.who());
      return steering.update(
          a.run(), "abort", new Approval(a.step(), a.who(), a.why()), GateDecision.class);
    }
    if (command instanceof SteerCommand.Acknowledge a)
      return steering.update(
          a.run(), "acknowledge", new Acknowledgement(a.who(), a.why()), IncidentStatus.class);
    SteerCommand.Note n = (SteerCommand.Note) command;
    return steering.update(
        n.run(), "note", new IncidentNote(n.who(), n.text(), n.kind()), IncidentStatus.class);
  }
}
