package dev.drrunbooks.approval;

import java.time.Instant;

/** How a gate was passed or closed, by whom and when. */
public record GateDecision(String step, Verdict verdict, String who, String why, Instant at) {

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
    BREAK_GLASS
  }

  public boolean proceeds() {
    return verdict == Verdict.APPROVED
        || verdict == Verdict.TIMED_OUT_PROCEEDED
        || verdict == Verdict.NOT_REQUIRED
        || verdict == Verdict.BREAK_GLASS;
  }
}
