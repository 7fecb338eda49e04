package dev.drrunbooks.approval;

import dev.drrunbooks.activities.ledger.ApprovalRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate's decision as the evidence ledger's rows ({@link ApprovalRecord}): one per answer that
 * counted, each with its verified identity or typed name and its channel. Pure.
 *
 * <ul>
 *   <li>APPROVED, ABORTED: each answer that decided it (two distinct approvers: two rows); a
 *       decision recorded without its answers (runs from before approval policies) is one row,
 *       unverified.
 *   <li>TIMED_OUT_PROCEEDED, TIMED_OUT_ABORTED: the approvals counted before the timeout
 *       (APPROVAL_COUNTED), then the timeout itself, by {@value ApprovalRecord#NOBODY}.
 *   <li>BREAK_GLASS: the named person of the run's input, unverified.
 *   <li>NOT_REQUIRED: nothing; nobody decided.
 *   <li>a run cancelled while its gate waited: the approvals counted until then.
 * </ul>
 */
public final class GateEvidence {
  private GateEvidence() {}

  /** The rows of {@code d}, in the order they were decided. */
  public static List<ApprovalRecord> records(GateDecision d) {
    List<ApprovalRecord> out = new ArrayList<>();
    switch (d.verdict()) {
      case NOT_REQUIRED, APPROVAL_COUNTED -> {
        // not a decision anyone made: the policy asked for none, or the gate still waits
      }
      case TIMED_OUT_PROCEEDED, TIMED_OUT_ABORTED -> {
        for (GateAnswer a : d.answers())
          out.add(answer(d.step(), GateDecision.Verdict.APPROVAL_COUNTED, a));
        out.add(
            new ApprovalRecord(
                d.step(),
                d.verdict().name(),
                ApprovalRecord.NOBODY,
                false,
                null,
                ApprovalRecord.TIMER,
                d.at(),
                d.why()));
      }
      default -> {
        for (GateAnswer a : d.answers()) out.add(answer(d.step(), d.verdict(), a));
        if (d.answers().isEmpty())
          out.add(
              new ApprovalRecord(
                  d.step(),
                  d.verdict().name(),
                  d.who(),
                  false,
                  d.who(),
                  d.verdict() == GateDecision.Verdict.BREAK_GLASS
                      ? ApprovalRecord.BREAK_GLASS_INPUT
                      : null,
                  d.at(),
                  d.why()));
      }
    }
    return out;
  }

  /**
   * The approvals a gate had counted when its run was cancelled while it waited: one
   * APPROVAL_COUNTED row each; no row for the cancellation, which no answer decided (the run's
   * outcome says CANCELLED).
   */
  public static List<ApprovalRecord> countedWhenCancelled(String step, List<GateAnswer> answers) {
    return answers.stream()
        .map(a -> answer(step, GateDecision.Verdict.APPROVAL_COUNTED, a))
        .toList();
  }

  /**
   * The rows of a parent run's decision that covers this run's gate {@code step} (a region
   * evacuation's approval of its failovers), each naming the parent's gate in its channel.
   */
  public static List<ApprovalRecord> relayed(String step, GateDecision parent, String parentId) {
    return records(parent).stream().map(r -> r.relayed(step, parentId, parent.step())).toList();
  }

  private static ApprovalRecord answer(String step, GateDecision.Verdict verdict, GateAnswer a) {
    return new ApprovalRecord(
        step,
        verdict.name(),
        a.answeredBy(),
        a.identity() != null,
        a.who(),
        a.channel(),
        a.at(),
        a.why());
  }
}
