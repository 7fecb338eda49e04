package dev.drrunbooks.approval;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.model.CurrentDetails;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RejectedSignal;
import dev.drrunbooks.model.RejectedSignals;
import dev.drrunbooks.model.TimedWait;
import dev.drrunbooks.model.Timeline;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One approval gate in workflow code. People answer through a validated Update (a wrong step, a
 * missing name or reason, or no gate waiting is rejected before it reaches history); bots that can
 * only signal send the same answer as a signal, which is recorded and ignored when it does not fit.
 */
public final class ApprovalGate {
  private final Timeline timeline;
  private GateStatus waiting;
  private GateDecision decision;

  /** The latest answers that did not fit, newest last, for the status query. */
  private final RejectedSignals ignored = new RejectedSignals();

  public ApprovalGate(Timeline timeline) {
    this.timeline = timeline;
  }

  /** Blocks until an answer or the timeout; then the default decides. */
  public GateDecision await(String step, Duration timeout, GateDefault onTimeout) {
    Instant start = Timeline.now();
    decision = null;
    waiting = new GateStatus(step, start.plus(timeout), onTimeout.name().toLowerCase());
    CurrentDetails.waiting(
        GateDetails.of(
            Workflow.getInfo().getWorkflowId(),
            step,
            waiting.deadline(),
            timeout,
            waiting.onTimeout()));
    boolean answered;
    try {
      answered = TimedWait.until(timeout, GateDetails.timerSummary(step), () -> decision != null);
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
                  + "; the default is to "
                  + waiting.onTimeout(),
              Timeline.now());
    }
    waiting = null;
    timeline.record(
        "approval: " + step,
        start,
        decision.proceeds() ? Outcome.SUCCEEDED : Outcome.FAILED,
        decision.verdict() + " by " + decision.who() + ": " + decision.why());
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
    return decision;
  }

  /** For the Update validators: throws with the reason the answer cannot be taken. */
  public void validate(Approval a) {
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

  /** Records an answer that passed validation (Update) or is checked here (signal). */
  public GateDecision answer(Approval a, boolean approve, String channel) {
    try {
      validate(a);
    } catch (IllegalArgumentException e) {
      String who = a == null ? null : a.who();
      timeline.record(
          "ignored " + channel + (approve ? " approve" : " abort"),
          Timeline.now(),
          Outcome.SKIPPED,
          (who == null ? "" : "from " + who + ": ") + e.getMessage());
      String name = (approve ? "approve" : "abort") + ("signal".equals(channel) ? "Signal" : "");
      ignored.add(new RejectedSignal(name, who, Timeline.now(), e.getMessage()));
      return null;
    }
    decision =
        new GateDecision(
            a.step(),
            approve ? GateDecision.Verdict.APPROVED : GateDecision.Verdict.ABORTED,
            a.who(),
            a.why() + " (" + channel + ")",
            Timeline.now());
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
