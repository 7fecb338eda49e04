package dev.drrunbooks.reporting;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A closed run's steps read from its history, for when no worker can replay it to answer the
 * timeline query (a run terminated mid-step cannot always be replayed): one entry per activity and
 * per child run, from when it was scheduled to when it closed, with how it ended. Coarser than the
 * run's own timeline (activity names, not the runbook's step names) but never empty for a run that
 * did anything.
 */
final class HistoryTimeline {
  /** Steps begun and not yet closed, by the id of the event that began them. */
  private final Map<Long, TimelineEntry> open = new LinkedHashMap<>();

  private final List<TimelineEntry> steps = new ArrayList<>();

  private HistoryTimeline() {}

  /**
   * @param end when the run ended: steps still open then are cut off there, as FAILED
   */
  static List<TimelineEntry> of(WorkflowExecutionHistory history, Instant end) {
    HistoryTimeline t = new HistoryTimeline();
    history.getEvents().forEach(t::read);
    for (TimelineEntry s : t.open.values()) {
      t.steps.add(
          new TimelineEntry(
              s.step(), s.start(), end, Outcome.FAILED, "still running when the run ended"));
    }
    t.steps.sort(Comparator.comparing(TimelineEntry::start));
    return t.steps;
  }

  private void read(HistoryEvent e) {
    Instant at = Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
    switch (e.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        var a = e.getActivityTaskScheduledEventAttributes();
        opened(e.getEventId(), "activity " + a.getActivityType().getName(), at);
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var a = e.getActivityTaskCompletedEventAttributes();
        closed(a.getScheduledEventId(), at, Outcome.SUCCEEDED, null);
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var a = e.getActivityTaskFailedEventAttributes();
        closed(a.getScheduledEventId(), at, Outcome.FAILED, a.getFailure().getMessage());
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var a = e.getActivityTaskTimedOutEventAttributes();
        closed(a.getScheduledEventId(), at, Outcome.FAILED, "timed out");
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
        var a = e.getActivityTaskCanceledEventAttributes();
        closed(a.getScheduledEventId(), at, Outcome.FAILED, "cancelled");
      }
      case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
        var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
        String step = "child run " + a.getWorkflowId() + " (" + a.getWorkflowType().getName() + ")";
        opened(e.getEventId(), step, at);
      }
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
        var a = e.getChildWorkflowExecutionCompletedEventAttributes();
        closed(a.getInitiatedEventId(), at, Outcome.SUCCEEDED, null);
      }
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var a = e.getChildWorkflowExecutionFailedEventAttributes();
        closed(a.getInitiatedEventId(), at, Outcome.FAILED, a.getFailure().getMessage());
      }
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED ->
          childEnded(
              e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId(), e, at);
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
          childEnded(
              e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId(), e, at);
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
          childEnded(
              e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId(), e, at);
      case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED ->
          childEnded(
              e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), e, at);
      default -> {}
    }
  }

  private void childEnded(long initiatedId, HistoryEvent e, Instant at) {
    String how = e.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase();
    closed(initiatedId, at, Outcome.FAILED, how);
  }

  private void opened(long id, String step, Instant at) {
    open.put(id, new TimelineEntry(step, at, null, null, null));
  }

  private void closed(long id, Instant at, Outcome outcome, String detail) {
    TimelineEntry s = open.remove(id);
    if (s != null) steps.add(new TimelineEntry(s.step(), s.start(), at, outcome, detail));
  }
}
