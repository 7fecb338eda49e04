package dev.drrunbooks.reporting;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.ArrayList;
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
  private HistoryTimeline() {}

  static List<TimelineEntry> of(WorkflowExecutionHistory history, Instant end) {
    Map<Long, TimelineEntry> open = new LinkedHashMap<>();
    List<TimelineEntry> steps = new ArrayList<>();
    for (HistoryEvent e : history.getEvents()) {
      Instant at =
          Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
      switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ->
            open.put(
                e.getEventId(),
                new TimelineEntry(
                    "activity "
                        + e.getActivityTaskScheduledEventAttributes().getActivityType().getName(),
                    at,
                    null,
                    null,
                    null));
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            close(
                open,
                steps,
                e.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
                at,
                Outcome.SUCCEEDED,
                null);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            close(
                open,
                steps,
                e.getActivityTaskFailedEventAttributes().getScheduledEventId(),
                at,
                Outcome.FAILED,
                e.getActivityTaskFailedEventAttributes().getFailure().getMessage());
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
            close(
                open,
                steps,
                e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(),
                at,
                Outcome.FAILED,
                "timed out");
        case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
            close(
                open,
                steps,
                e.getActivityTaskCanceledEventAttributes().getScheduledEventId(),
                at,
                Outcome.FAILED,
                "cancelled");
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
            open.put(
                e.getEventId(),
                new TimelineEntry(
                    "child run "
                        + e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId()
                        + " ("
                        + e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                            .getWorkflowType()
                            .getName()
                        + ")",
                    at,
                    null,
                    null,
                    null));
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED ->
            close(
                open,
                steps,
                e.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId(),
                at,
                Outcome.SUCCEEDED,
                null);
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED ->
            close(
                open,
                steps,
                e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(),
                at,
                Outcome.FAILED,
                e.getChildWorkflowExecutionFailedEventAttributes().getFailure().getMessage());
        case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED,
            EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
            EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED ->
            close(
                open,
                steps,
                initiatedIdOfEnded(e),
                at,
                Outcome.FAILED,
                e.getEventType().name().replace("EVENT_TYPE_", "").toLowerCase());
        default -> {}
      }
    }
    // Still open when the run ended: cut off by the termination, cancellation or timeout.
    for (TimelineEntry s : open.values()) {
      steps.add(
          new TimelineEntry(
              s.step(), s.start(), end, Outcome.FAILED, "still running when the run ended"));
    }
    steps.sort((a, b) -> a.start().compareTo(b.start()));
    return steps;
  }

  private static long initiatedIdOfEnded(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED ->
          e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
          e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT ->
          e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId();
      default -> e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId();
    };
  }

  private static void close(
      Map<Long, TimelineEntry> open,
      List<TimelineEntry> steps,
      long id,
      Instant at,
      Outcome outcome,
      String detail) {
    TimelineEntry s = open.remove(id);
    if (s != null) steps.add(new TimelineEntry(s.step(), s.start(), at, outcome, detail));
  }
}
