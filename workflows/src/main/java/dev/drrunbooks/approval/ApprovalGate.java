package dev.drrunbooks.approval;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.model.CurrentDetails;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RejectedSignal;
import dev.drrunbooks.model.RejectedSignals;
import dev.drrunbooks.model.RunMetrics;
import dev.drrunbooks.model.RunNotifications;
import dev.drrunbooks.model.TimedWait;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One approval gate in workflow code. People answer through a validated Update (a wrong step, a
 * missing name or reason, no gate waiting, or an approver the catalog does not allow is rejected
 * before it reaches history); bots that can only signal send the same answer as a signal, which is
 * recorded and ignored when it does not fit. A gate needing several distinct approvers ({@link
 * GateApprovers}) counts each approval and proceeds at the last; one allowed abort closes it.
 */
public final class ApprovalGate {
  /** The Workflow.getVersion change id of the catalog's approval policy at gates. */
  public static final String APPROVAL_POLICY = "approval-policy";

  /**
   * How a refusal of an approver the gate's policy does not allow begins: the contract with the
   * gateway (403) and the CLI. A message, not a failure type, because the SDK (1.38) reports an
   * Update validator's exception as type WorkflowExecutionException whatever it was.
   */
  public static final String NOT_ALLOWED = "approver not allowed: ";

  /** How a refusal of a second approval by the same identity at one gate begins. */
  public static final String ALREADY_APPROVED = "already approved: ";

  private final Timeline timeline;
  private GateStatus waiting;
  private GateDecision decision;
  private GateApprovers approvers = GateApprovers.ANYONE;

  /** The approvals counted at the waiting gate. */
  private final List<GateAnswer> approvals = new ArrayList<>();

  /** The latest answers that did not fit, newest last, for the status query. */
  private final RejectedSignals ignored = new RejectedSignals();

  public ApprovalGate(Timeline timeline) {
    this.timeline = timeline;
  }

  /** A gate anyone may answer, once. */
  public GateDecision await(String step, Duration timeout, GateDefault onTimeout) {
    return await(step, timeout, onTimeout, GateApprovers.ANYONE);
  }

  /**
   * Blocks until the gate is decided (enough distinct approvals, an abort) or the timeout; then the
   * default decides. Runs recorded before {@link #APPROVAL_POLICY} let anyone answer, once.
   */
  public GateDecision await(
      String step, Duration timeout, GateDefault onTimeout, GateApprovers rule) {
    Instant start = Timeline.now();
    decision = null;
    approvals.clear();
    approvers =
        Workflow.getVersion(APPROVAL_POLICY, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION
            ? GateApprovers.ANYONE
            : rule;
    waiting =
        new GateStatus(
            step,
            start.plus(timeout),
            onTimeout.name().toLowerCase(),
            approvers.describe(),
            List.of());
    CurrentDetails.waiting(
        GateDetails.of(
            Workflow.getInfo().getWorkflowId(),
            step,
            waiting.deadline(),
            timeout,
            waiting.onTimeout(),
            approvers.describe()));
    RunNotifications.gateWaiting(
        step,
        waiting.deadline(),
        waiting.onTimeout(),
        approvers.describe(),
        GateDetails.answerCommand(Workflow.getInfo().getWorkflowId(), step));
    boolean answered;
    try {
      answered = TimedWait.until(timeout, GateDetails.timerSummary(step), () -> decision != null);
    } catch (CanceledFailure cancelled) {
      // Who had approved when the run was cancelled is evidence too, though nothing was decided.
      RunApprovals.add(GateEvidence.countedWhenCancelled(step, approvals));
      throw cancelled;
    } finally {
      CurrentDetails.notWaiting(); // also when the run is cancelled while it waits
    }
    if (!answered) {
      decision =
          new GateDecision(
              step,
              onTimeout == GateDefault.PROCEED
                  ? GateDecision.Verdict.TIMED_OUT_PROCEEDED
                  : GateDecision.Verdict.TIMED_OUT_ABORTED,
              "nobody",
              "no answer within "
                  + Durations.format(timeout)
                  + (approvals.isEmpty()
                      ? ""
                      : " (" + approvals.size() + " of " + approvers.distinct() + " approvals)")
                  + "; the default is to "
                  + waiting.onTimeout(),
              Timeline.now(),
              approvals);
    }
    waiting = null;
    RunMetrics.gateDecided(
        step, decision.verdict().name(), Duration.between(start, Timeline.now()));
    timeline.record(
        "approval: " + step,
        start,
        decision.proceeds() ? Outcome.SUCCEEDED : Outcome.FAILED,
        decision.verdict() + " by " + decision.who() + ": " + decision.why());
    RunApprovals.add(GateEvidence.records(decision));
    return decision;
  }

  public static GateDecision notRequired(String step, String why) {
    return new GateDecision(step, GateDecision.Verdict.NOT_REQUIRED, "policy", why, Timeline.now());
  }

  /**
   * Records a named person's emergency override of the gate, as exactly that (never as a policy
   * that needs no approval).
   *
   * @param overridden the policy the override skips, e.g. the catalog's
   */
  public GateDecision breakGlass(String step, BreakGlass override, String overridden) {
    decision =
        new GateDecision(
            step,
            GateDecision.Verdict.BREAK_GLASS,
            override.who(),
            override.reason(),
            Timeline.now());
    timeline.record(
        "approval: " + step,
        decision.at(),
        Outcome.SUCCEEDED,
        "BREAK_GLASS by "
            + override.who()
            + ": "
            + override.reason()
            + "; overrides "
            + overridden);
    RunApprovals.add(GateEvidence.records(decision));
    return decision;
  }

  /**
   * Records that a parent run's gate covers this one (a region evacuation's single approval for its
   * failovers), keeping the parent's verdict, who and why.
   */
  public GateDecision coveredByParent(String step, GateDecision parent, String parentId) {
    decision =
        new GateDecision(
            step,
            parent.verdict(),
            parent.who(),
            "at " + parentId + "'s gate '" + parent.step() + "': " + parent.why(),
            Timeline.now());
    timeline.record(
        "approval: " + step,
        decision.at(),
        Outcome.SUCCEEDED,
        decision.verdict() + " by " + decision.who() + " " + decision.why());
    RunApprovals.add(GateEvidence.relayed(step, parent, parentId));
    return decision;
  }

  /**
   * For the Update validators: throws IllegalArgumentException with the reason the answer cannot be
   * taken; for an approver the policy does not allow, starting {@link #NOT_ALLOWED}; for a second
   * approval by one identity, {@link #ALREADY_APPROVED}.
   */
  public void validate(Approval a, boolean approve) {
    validate(a);
    Approver approver = ApproverWorkerInterceptor.current();
    String refusal = approvers.refusal(approver);
    if (refusal != null) throw new IllegalArgumentException(NOT_ALLOWED + refusal);
    if (approve
        && approver.verified()
        && approvals.stream().anyMatch(p -> approver.identity().equals(p.identity()))) {
      throw new IllegalArgumentException(
          ALREADY_APPROVED
              + approver.identity()
              + " has already approved '"
              + waiting.step()
              + "'; it needs "
              + (approvers.distinct() - approvals.size())
              + " more from another approver");
    }
  }

  /** The checks that need no policy: a payload, a waiting gate, its step, a name and a reason. */
  private void validate(Approval a) {
    if (a == null) {
      throw new IllegalArgumentException(
          "approval: no payload; send a JSON object such as "
              + "{\"step\": \""
              + (waiting == null ? "STEP" : waiting.step())
              + "\", \"who\": \"NAME\", \"why\": \"REASON\"}");
    }
    if (a.problem() != null) throw new IllegalArgumentException(a.problem());
    if (waiting == null) {
      throw new IllegalArgumentException(
          "no approval is waiting"
              + (decision == null
                  ? ""
                  : "; the last gate, '"
                      + decision.step()
                      + "', was "
                      + decision.verdict()
                      + " by "
                      + decision.who()));
    }
    if (a.step() == null || !a.step().equals(waiting.step())) {
      throw new IllegalArgumentException(
          "step: '"
              + a.step()
              + "' is not the step waiting; "
              + "the run waits at '"
              + waiting.step()
              + "'");
    }
    if (a.who() == null || a.who().isBlank())
      throw new IllegalArgumentException("who: say who approves or aborts");
    if (a.why() == null || a.why().isBlank())
      throw new IllegalArgumentException("why: give a reason");
  }

  /**
   * Records an answer that passed validation (Update) or is checked here (signal): the decision,
   * or, at a gate needing more distinct approvers, the approval counted (verdict {@code
   * APPROVAL_COUNTED}) while the gate waits on; null for a signal that does not fit.
   *
   * @param transport "update" or "signal"
   */
  public GateDecision answer(Approval a, boolean approve, String transport) {
    try {
      validate(a, approve);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage();
      String who = a == null ? null : a.who();
      timeline.record(
          "ignored " + transport + (approve ? " approve" : " abort"),
          Timeline.now(),
          Outcome.SKIPPED,
          (who == null ? "" : "from " + who + ": ") + reason);
      String name = (approve ? "approve" : "abort") + ("signal".equals(transport) ? "Signal" : "");
      ignored.add(new RejectedSignal(name, who, Timeline.now(), reason));
      return null;
    }
    Approver approver = ApproverWorkerInterceptor.current();
    GateAnswer answer =
        new GateAnswer(
            a.who(),
            approver.identity(),
            approver.verified() ? approver.channel() + " (" + transport + ")" : transport,
            a.why(),
            Timeline.now());
    String why =
        a.why() + " (" + (approver.verified() ? approver.describe() + ", " : "") + transport + ")";
    if (!approve) {
      decision =
          new GateDecision(
              a.step(),
              GateDecision.Verdict.ABORTED,
              answer.answeredBy(),
              why,
              answer.at(),
              List.of(answer));
      return decision;
    }
    approvals.add(answer);
    if (approvals.size() < approvers.distinct()) {
      String counted = approvals.size() + " of " + approvers.distinct() + " approvals";
      timeline.record(
          "approval counted: " + a.step(),
          answer.at(),
          Outcome.SUCCEEDED,
          counted + ": " + answer.line() + ": " + a.why());
      waiting =
          new GateStatus(
              waiting.step(),
              waiting.deadline(),
              waiting.onTimeout(),
              waiting.needs(),
              approvals.stream().map(GateAnswer::line).toList());
      return new GateDecision(
          a.step(),
          GateDecision.Verdict.APPROVAL_COUNTED,
          answer.answeredBy(),
          counted + "; the gate waits for " + (approvers.distinct() - approvals.size()) + " more",
          answer.at(),
          approvals);
    }
    decision =
        approvals.size() == 1
            ? new GateDecision(
                a.step(),
                GateDecision.Verdict.APPROVED,
                answer.answeredBy(),
                why,
                answer.at(),
                approvals)
            : new GateDecision(
                a.step(),
                GateDecision.Verdict.APPROVED,
                String.join(", ", approvals.stream().map(GateAnswer::answeredBy).toList()),
                String.join("; ", approvals.stream().map(p -> p.line() + ": " + p.why()).toList()),
                answer.at(),
                approvals);
    return decision;
  }

  public GateStatus waiting() {
    return waiting;
  }

  /**
   * Answers the run ignored, who sent them, when and why (at most the latest {@value
   * RejectedSignals#MAX}, oldest first), e.g. a bot's signal for another step: {@code
   * "approveSignal from pagerbot at 2026-12-01T10:00:00Z: step: 'restore-db' is not the step
   * waiting; the run waits at 'switch-traffic'"}.
   */
  public List<String> ignored() {
    return ignored.all().stream().map(RejectedSignal::line).toList();
  }
}
