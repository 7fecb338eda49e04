package dev.drrunbooks.activities.notify;

/** What a {@link Notification} tells people about a run. */
public enum NotificationKind {
  /** The run waits at an approval gate: someone has to approve or abort it. */
  GATE_WAITING,
  /** The run entered its next phase (e.g. "switching", "verifying"). */
  PHASE_CHANGED,
  /** The run ended having missed a recovery objective (RTO or RPO) of a service. */
  OBJECTIVE_BREACHED,
  /** The run ended; {@link Notification#passed()} says whether it did what it was for. */
  RUN_ENDED;

  /** The generic webhook's event name: run.gate-waiting, run.phase-changed, run.ended... */
  public String event() {
    return this == RUN_ENDED ? "run.ended" : "run." + name().toLowerCase().replace('_', '-');
  }
}
