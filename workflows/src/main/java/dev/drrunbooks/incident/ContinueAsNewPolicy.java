package dev.drrunbooks.incident;

import io.temporal.workflow.Workflow;

/**
 * When an incident run, which can last days, continues as new: once Temporal suggests it ({@code
 * WorkflowInfo.isContinueAsNewSuggested}, set by the server as the history nears its limits) or the
 * history reaches a bound of events (lowered in tests), and only at a quiet moment: no recovery
 * child running (its promise would not survive the new run), no escalation in flight, every update
 * handler finished. Workflow code only.
 */
final class ContinueAsNewPolicy {
  /** Well under Temporal's 50K-event hard limit and its 10K warning: a replay stays quick. */
  static final int DEFAULT_EVENTS = 5000;

  /** Below this a run could not even open and take one update before continuing again. */
  static final int MIN_EVENTS = 20;

  private final int boundEvents;

  /**
   * @param requested the input's bound; null: {@link #DEFAULT_EVENTS}
   */
  ContinueAsNewPolicy(Integer requested) {
    this.boundEvents = boundOf(requested);
  }

  /**
   * The bound used: {@code requested}, or the default when null; never below {@link #MIN_EVENTS}.
   */
  static int boundOf(Integer requested) {
    return requested == null ? DEFAULT_EVENTS : Math.max(MIN_EVENTS, requested);
  }

  /**
   * Whether the history is long enough to continue as new (in flight work is the caller's to
   * check).
   */
  boolean historyLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() >= boundEvents;
  }
}
