package dev.drrunbooks.sandbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskFailedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskTimedOutEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionFailedEventAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMeasuresTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private final List<HistoryEvent> events = new ArrayList<>();

  private HistoryEvent.Builder event(EventType type, double atSeconds) {
    Instant at = T0.plusMillis((long) (atSeconds * 1000));
    return HistoryEvent.newBuilder()
        .setEventId(events.size() + 1)
        .setEventType(type)
        .setEventTime(
            Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
  }

  private long add(HistoryEvent.Builder e) {
    HistoryEvent built = e.build();
    events.add(built);
    return built.getEventId();
  }

  private void activity(
      String type, double scheduledAt, double startedAt, int attempt, double doneAt) {
    long scheduled =
        add(
            event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, scheduledAt)
                .setActivityTaskScheduledEventAttributes(
                    ActivityTaskScheduledEventAttributes.newBuilder()
                        .setActivityType(ActivityType.newBuilder().setName(type))));
    add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, startedAt)
            .setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder()
                    .setScheduledEventId(scheduled)
                    .setAttempt(attempt)));
    add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, doneAt)
            .setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduled)));
  }

  @Test
  void aCompletedValidationsTimesAndDescribes() {
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0));
    add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, 0));
    add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 1.5));
    add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 3)); // a later task: not the first
    activity("RdsListSnapshots", 3, 3.1, 1, 3.2);
    activity(RunMeasures.RESTORE, 4, 4.5, 1, 6);
    // the poll: scheduled at 6, its third attempt (the one that saw it available) started at 26.5
    activity(RunMeasures.POLL, 6, 26.5, 3, 26.6);
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 40));

    RunMeasures m = RunMeasures.of(events);
    assertEquals("completed", m.outcome());
    assertEquals(T0, m.started());
    assertEquals(T0.plusSeconds(40), m.closed());
    assertEquals(Duration.ofMillis(1500), m.firstTaskWait());
    assertEquals(3, m.describes());
    // available at 4.5 + 20 = 24.5 at the latest estimate; seen at 26.5
    assertEquals(Duration.ofSeconds(2), m.detectionLag(Duration.ofSeconds(20)));
    // available at 6 + 20 = 26 at the latest
    assertEquals(Duration.ofMillis(500), m.detectionLagLowerBound(Duration.ofSeconds(20)));
    assertEquals(Duration.ZERO, m.waitSchedulingDelay());
    assertNull(m.failure());
    assertEquals(0, m.notificationsLost());
  }

  @Test
  void aDeferredWaitsFirstAttemptDescribedNothing() {
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0));
    activity(RunMeasures.RESTORE, 4, 4.5, 1, 6);
    // attempt 1 at 6 described nothing; attempt 2, at 27, saw it available
    // scheduled 1.5 s after the restore answered, by the run's workflow task
    activity(RunMeasures.DEFERRED_POLL, 7.5, 27, 2, 27.1);
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 40));

    RunMeasures m = RunMeasures.of(events);
    assertEquals(1, m.describes());
    assertEquals(Duration.ofMillis(1500), m.waitSchedulingDelay());
    assertEquals(Duration.ofMillis(2500), m.detectionLag(Duration.ofSeconds(20)));
  }

  @Test
  void aFailedRunKeepsItsMessageAndHasNoLagWithoutAPoll() {
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0));
    add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, 0.2));
    add(
        event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, 5)
            .setWorkflowExecutionFailedEventAttributes(
                WorkflowExecutionFailedEventAttributes.newBuilder()
                    .setFailure(Failure.newBuilder().setMessage("snapshot: none"))));
    RunMeasures m = RunMeasures.of(events);
    assertEquals("failed", m.outcome());
    assertEquals("snapshot: none", m.failure());
    assertEquals(0, m.describes());
    assertNull(m.detectionLag(Duration.ofSeconds(20)));
    assertNull(m.waitSchedulingDelay());
  }

  @Test
  void aNotificationThatTimedOutOrFailedIsLostAndNoOtherActivityCounts() {
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0));
    long timedOut = scheduled("NotifySend", 1);
    add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, 121)
            .setActivityTaskTimedOutEventAttributes(
                ActivityTaskTimedOutEventAttributes.newBuilder().setScheduledEventId(timedOut)));
    long failed = scheduled("NotifySend", 2);
    add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, 3)
            .setActivityTaskFailedEventAttributes(
                ActivityTaskFailedEventAttributes.newBuilder().setScheduledEventId(failed)));
    long other = scheduled(RunMeasures.RESTORE, 4);
    add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED, 5)
            .setActivityTaskFailedEventAttributes(
                ActivityTaskFailedEventAttributes.newBuilder().setScheduledEventId(other)));
    assertEquals(2, RunMeasures.of(events).notificationsLost());
  }

  private long scheduled(String type, double at) {
    return add(
        event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, at)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName(type))));
  }

  @Test
  void anOpenRunHasNoCloseTime() {
    add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, 0));
    RunMeasures m = RunMeasures.of(events);
    assertEquals("open", m.outcome());
    assertNull(m.closed());
    assertNull(m.firstTaskWait());
  }

  @Test
  void restoresInFlightCountOverlapsOnly() {
    RunMeasures a = restore(0, 20);
    RunMeasures b = restore(5, 25);
    RunMeasures c = restore(21, 40); // starts after a was seen available
    FleetOutcome f =
        new FleetOutcome(
            3, Duration.ofSeconds(20), T0, List.of(a, b, c), 0, 0, "", List.of(), 0, 0);
    assertEquals(2, f.maxRestoresInFlight());
    assertEquals(Duration.ofSeconds(41), f.wall());
    assertEquals(0, f.failures());
  }

  private static RunMeasures restore(int from, int seen) {
    return new RunMeasures(
        T0,
        T0.plusSeconds(seen + 1),
        "completed",
        Duration.ZERO,
        T0.plusSeconds(from),
        T0.plusSeconds(from + 1),
        T0.plusSeconds(from + 1),
        T0.plusSeconds(seen),
        2,
        null,
        0);
  }
}
