package dev.drrunbooks.activities.notify;

import java.time.Instant;

/**
 * One thing people should hear about a run, as the worker's channels get it (Slack, PagerDuty
 * Events API v2, the generic webhook). Holds no secret: it is an activity input, so it stays in the
 * run's history.
 *
 * @param kind what happened
 * @param runId the run's workflow id: PagerDuty's dedup key, the RUN of the Slack buttons
 * @param procedure the procedure's key (e.g. "dns-failover"), or the workflow type of anything else
 * @param service the service the run acts on; null until the run names it
 * @param title one line, e.g. "dns-failover of payments waits at switch-traffic"
 * @param detail a few lines of plain text: what to do, or what happened
 * @param gate the gate to answer; only for {@link NotificationKind#GATE_WAITING}
 * @param outcome the run's outcome in the procedure's words (SWITCHED, FAILED, CANCELLED...); only
 *     for {@link NotificationKind#RUN_ENDED} and {@link NotificationKind#OBJECTIVE_BREACHED}
 * @param passed whether the run did what it was for; null unless it ended
 * @param at when it happened (the run's clock)
 * @param alertOpen an earlier notification of this run needed people (PagerDuty has an alert for
 *     the run to resolve)
 */
public record Notification(
    NotificationKind kind,
    String runId,
    String procedure,
    String service,
    String title,
    String detail,
    WaitingGate gate,
    String outcome,
    Boolean passed,
    Instant at,
    boolean alertOpen) {

  /** True when a person has to act: a gate waits, an objective was missed, or a run failed. */
  public boolean needsPeople() {
    return switch (kind) {
      case GATE_WAITING, OBJECTIVE_BREACHED -> true;
      case RUN_ENDED -> !Boolean.TRUE.equals(passed);
      case PHASE_CHANGED -> false;
    };
  }
}
