package dev.drrunbooks.incident;

/**
 * The report notes an incident's run report and its post-incident review both write, so the two say
 * the same about a child recovery and a phase. Pure.
 */
final class IncidentNotes {
  private IncidentNotes() {}

  /** "Recovery <workflow id> (<kind> of <service>, started by <who>): <state>[: <detail>]". */
  static String recovery(ChildRecovery c) {
    return "Recovery "
        + c.workflowId()
        + " ("
        + c.kind()
        + " of "
        + c.service()
        + ", started by "
        + c.startedBy()
        + "): "
        + c.state()
        + (c.detail() == null ? "" : ": " + c.detail());
  }

  /** "Phase <phase>: <state> (deadline <instant>[, done <instant> by <who>][, escalated])". */
  static String phase(PhaseStatus p) {
    return "Phase "
        + p.phase()
        + ": "
        + p.state()
        + " (deadline "
        + p.deadline()
        + (p.doneAt() == null ? "" : ", done " + p.doneAt() + " by " + p.doneBy())
        + (p.escalated() ? ", escalated" : "")
        + ")";
  }
}
