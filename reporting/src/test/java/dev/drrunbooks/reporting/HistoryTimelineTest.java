package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionTerminatedEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTimelineTest {
  private static final Instant T0 = Instant.parse("2026-12-01T05:00:00Z");

  @Test
  void activitiesAndChildRunsBecomeStepsAndWhatWasOpenIsCutOffAtTheEnd() {
    History h =
        History.newBuilder()
            .addEvents(
                event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0)
                    .setWorkflowExecutionStartedEventAttributes(
                        WorkflowExecutionStartedEventAttributes.newBuilder()
                            .setWorkflowType(WorkflowType.newBuilder().setName("DrDrill"))))
            .addEvents(scheduled(5, "ResolveServices", 0))
            .addEvents(
                event(6, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 2)
                    .setActivityTaskCompletedEventAttributes(
                        ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(5)))
            .addEvents(scheduled(7, "RestoreToPointInTime", 3))
            .addEvents(
                event(8, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, 4)
                    .setActivityTaskFailedEventAttributes(
                        ActivityTaskFailedEventAttributes.newBuilder()
                            .setScheduledEventId(7)
                            .setFailure(Failure.newBuilder().setMessage("throttled"))))
            .addEvents(
                event(9, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, 5)
                    .setStartChildWorkflowExecutionInitiatedEventAttributes(
                        StartChildWorkflowExecutionInitiatedEventAttributes.newBuilder()
                            .setWorkflowId("run-1-pitr")
                            .setWorkflowType(
                                WorkflowType.newBuilder().setName("PointInTimeRestore"))))
            .addEvents(
                event(10, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED, 6)
                    .setChildWorkflowExecutionTerminatedEventAttributes(
                        ChildWorkflowExecutionTerminatedEventAttributes.newBuilder()
                            .setInitiatedEventId(9)))
            .addEvents(scheduled(11, "AwaitAvailable", 7))
            .build();

    List<TimelineEntry> steps =
        HistoryTimeline.of(new WorkflowExecutionHistory(h), T0.plusSeconds(60));

    assertEquals(
        List.of(
            new TimelineEntry(
                "activity ResolveServices", T0, T0.plusSeconds(2), Outcome.SUCCEEDED, null),
            new TimelineEntry(
                "activity RestoreToPointInTime",
                T0.plusSeconds(3),
                T0.plusSeconds(4),
                Outcome.FAILED,
                "throttled"),
            new TimelineEntry(
                "child run run-1-pitr (PointInTimeRestore)",
                T0.plusSeconds(5),
                T0.plusSeconds(6),
                Outcome.FAILED,
                "child_workflow_execution_terminated"),
            new TimelineEntry(
                "activity AwaitAvailable",
                T0.plusSeconds(7),
                T0.plusSeconds(60),
                Outcome.FAILED,
                "still running when the run ended")),
        steps);
  }

  private static HistoryEvent.Builder scheduled(long id, String type, int second) {
    return event(id, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, second)
        .setActivityTaskScheduledEventAttributes(
            ActivityTaskScheduledEventAttributes.newBuilder()
                .setActivityType(ActivityType.newBuilder().setName(type)));
  }

  private static HistoryEvent.Builder event(long id, EventType type, int second) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setEventTime(Timestamp.newBuilder().setSeconds(T0.getEpochSecond() + second));
  }
}
