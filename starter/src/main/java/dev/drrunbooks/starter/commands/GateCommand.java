package dev.drrunbooks.starter.commands;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.ApprovalGate;
import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.FailureMessage;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.OperatorIdentity;
import dev.drrunbooks.starter.RunLookup;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dr approve} and {@code dr abort}: answers a run's approval gate with a validated Update
 * (the run rejects a wrong step, a missing name or reason, an operator the catalog's approval
 * policy does not allow), or with {@code --signal} as an incident bot would. The answer carries the
 * operator's identity ({@link OperatorIdentity}, {@code operator:$DR_OPERATOR}); at a gate needing
 * two distinct approvers, the first approval is counted and printed as APPROVAL_COUNTED.
 */
public abstract class GateCommand extends ConnectedCommand {
  @Mixin RunSelector target;

  @Option(names = "--step", required = true)
  String step;

  @Option(names = "--who", descriptionKey = "gate.who")
  String who;

  @Option(names = "--why", required = true, descriptionKey = "gate.why")
  String why;

  @Option(names = "--signal")
  boolean signal;

  /** What {@code --json} prints for {@code --signal}: sent, not answered. */
  public record Sent(String workflowId, String signal, Approval approval) {}

  abstract boolean approve();

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (Connection conn = connection) {
      String verb = approve() ? "approve" : "abort";
      // The gate's policy checks the operator's identity (DR_OPERATOR), carried in a header.
      Approver operator = OperatorIdentity.current("dr " + verb);
      WorkflowStub run = target.stub(conn.clientAs(operator));
      String name =
          who == null || who.isBlank() ? operator.identity().substring("operator:".length()) : who;
      Approval answer = new Approval(step, name, why);
      if (signal) {
        RunLookup.whileRunning(
            run,
            target.workflowId,
            () -> {
              run.signal(verb + "Signal", answer);
              return null;
            });
        json.humanOut(out, spec.commandLine().getErr())
            .printf(
                "Sent %s signal to %s for step %s (the run records it, or ignores it if it does"
                    + " not fit)%n",
                verb, target.workflowId, step);
        if (json.on()) JsonOption.print(out, new Sent(target.workflowId, verb + "Signal", answer));
        return ExitCodes.OK;
      }
      // A rejection by the run's validator is a WorkflowUpdateException: refused, with the run's
      // reason.
      GateDecision decision;
      try {
        decision =
            RunLookup.whileRunning(
                run, target.workflowId, () -> run.update(verb, GateDecision.class, answer));
      } catch (WorkflowUpdateException e) {
        throw notAllowedWithHint(e, operator);
      }
      if (json.on()) {
        JsonOption.print(out, decision);
        return ExitCodes.OK;
      }
      out.printf(
          "%s %s at step %s by %s: %s%n",
          target.workflowId, decision.verdict(), decision.step(), decision.who(), decision.why());
      return ExitCodes.OK;
    }
  }

  /**
   * A refusal of the operator's identity says where that identity comes from; any other refusal is
   * reported as it is.
   */
  private static RuntimeException notAllowedWithHint(WorkflowUpdateException e, Approver operator) {
    String reason = FailureMessage.of(e);
    if (!reason.contains(ApprovalGate.NOT_ALLOWED)) return e;
    return new CliFailure(
        ExitCodes.REFUSED,
        "run "
            + e.getExecution().getWorkflowId()
            + " refused "
            + e.GetUpdateName()
            + ": "
            + reason
            + " (dr answers as "
            + operator.identity()
            + ": set "
            + OperatorIdentity.ENV
            + " to the name the catalog lists, e.g. "
            + OperatorIdentity.ENV
            + "=alice for operator:alice)",
        e);
  }

  @Command(name = "approve")
  public static final class Approve extends GateCommand {
    @Override
    boolean approve() {
      return true;
    }
  }

  @Command(name = "abort")
  public static final class Abort extends GateCommand {
    @Override
    boolean approve() {
      return false;
    }
  }
}
