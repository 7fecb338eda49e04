package dev.drrunbooks.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.List;

/**
 * How a gate was passed or closed, by whom and when.
 *
 * @param answers the answers that decided it, each with its verified identity and channel: the
 *     approvals counted, or the abort (empty for verdicts nobody gave, and in runs recorded before
 *     approval policies)
 */
public record GateDecision(
    String step, Verdict verdict, String who, String why, Instant at, List<GateAnswer> answers) {

  @JsonCreator
  public GateDecision {
    answers = answers == null ? List.of() : List.copyOf(answers);
  }

  public GateDecision(String step, Verdict verdict, String who, String why, Instant at) {
    this(step, verdict, who, why, at, List.of());
  }

  public enum Verdict {
    APPROVED,
    ABORTED,
    /** Nobody answered in time and the gate's default is to proceed. */
    TIMED_OUT_PROCEEDED,
    /** Nobody answered in time and the gate's default is to abort. */
    TIMED_OUT_ABORTED,
    /** The gate was not needed: the policy or the input asked for none. */
    NOT_REQUIRED,
    /** A named person skipped the gate in an emergency, with a reason ({@link BreakGlass}). */
    BREAK_GLASS,
    /**
     * The answer to one approval at a gate needing more distinct approvers: counted, and the gate
     * still waits (never a gate's final verdict).
     */
    APPROVAL_COUNTED
  }

  public boolean proceeds() {
    return verdict == Verdict.APPROVED
        || verdict == Verdict.TIMED_OUT_PROCEEDED
        || verdict == Verdict.NOT_REQUIRED
        || verdict == Verdict.BREAK_GLASS;
  }
}
