package dev.drrunbooks.sandbox.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one backup-validation run's history says about it, for the benchmark.
 *
 * @param started WorkflowExecutionStarted's time
 * @param closed the close event's time (null: still open)
 * @param outcome {@code completed}, {@code failed}, {@code timed-out}, {@code canceled}, {@code
 *     terminated}, or {@code open}
 * @param firstTaskWait first WorkflowTaskStarted minus WorkflowExecutionStarted (null: none yet)
 * @param restoreStarted when the restore call (activity {@value #RESTORE}) started: the restored
 *     instance is created during it, so this is the earliest its emulated provisioning can have
 *     begun (null: no restore)
 * @param restoreDone when that restore call completed: the latest the instance can have been
 *     created (null: no restore)
 * @param waitScheduled when the restore wait (the first {@value #POLL} or {@value #DEFERRED_POLL})
 *     was scheduled (null: no wait)
 * @param readySeen when the describe that saw it available (the completed attempt of {@value #POLL}
 *     or {@value #DEFERRED_POLL}) started (null: never seen)
 * @param describes that poll activity's describes: one per attempt, but none in a deferred wait's
 *     first ({@value #DEFERRED_POLL}); 0: no completed poll
 * @param failure the run's failure message when it failed (null otherwise)
 * @param notificationsLost notifications ({@value #NOTIFY}*) that failed or timed out for good
 */
record RunMeasures(
    Instant started,
    Instant closed,
    String outcome,
    Duration firstTaskWait,
    Instant restoreStarted,
    Instant restoreDone,
    Instant waitScheduled,
    Instant readySeen,
    int describes,
    String failure,
    int notificationsLost) {
  static final String RESTORE = "RdsRestoreFromSnapshot";
  static final String POLL = "RdsPollInstanceAvailable";

  /** The prefix of the notification activities' types. */
  static final String NOTIFY = "Notify";

  /** The deferred wait (Polls.FIRST_POLL_CHANGE_ID): its first attempt describes nothing. */
  static final String DEFERRED_POLL = "RdsPollRestoredInstanceAvailable";

  /**
   * Detection lag, upper bound: when the instance was seen available minus the earliest it can have
   * become so (the restore call's start plus the emulated provisioning time; moto creates the
   * instance a few calls into the restore activity, and the sandbox then clones its database).
   *
   * @return null when the run saw no restore become available
   */
  Duration detectionLag(Duration provisioning) {
    if (restoreStarted == null || readySeen == null) return null;
    return Duration.between(restoreStarted.plus(provisioning), readySeen);
  }

  /**
   * Detection lag, lower bound: from the latest the instance can have become available (the restore
   * call's end plus the emulated provisioning time); negative when it was seen sooner.
   *
   * @return null when the run saw no restore become available
   */
  Duration detectionLagLowerBound(Duration provisioning) {
    if (restoreDone == null || readySeen == null) return null;
    return Duration.between(restoreDone.plus(provisioning), readySeen);
  }

  /**
   * From the restore call's end to the wait's scheduling: the run's own time between the two (its
   * workflow task), which a wait counted from its scheduling would add to the detection lag.
   *
   * @return null when the run had no restore wait
   */
  Duration waitSchedulingDelay() {
    if (restoreDone == null || waitScheduled == null) return null;
    return Duration.between(restoreDone, waitScheduled);
  }

  static RunMeasures of(List<HistoryEvent> events) {
    Instant started = null;
    Instant closed = null;
    String outcome = "open";
    Duration firstTask = null;
    Map<Long, String> activityTypes = new HashMap<>();
    Map<Long, HistoryEvent> startedByScheduled = new HashMap<>();
    Instant restoreStarted = null;
    Instant restoreDone = null;
    Instant waitScheduled = null;
    Instant readySeen = null;
    int describes = 0;
    String failure = null;
    int notificationsLost = 0;
    for (HistoryEvent e : events) {
      Instant at = instant(e.getEventTime());
      EventType type = e.getEventType();
      switch (type) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> started = at;
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          if (firstTask == null && started != null) firstTask = Duration.between(started, at);
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          String activity = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          activityTypes.put(e.getEventId(), activity);
          if (waitScheduled == null && (POLL.equals(activity) || DEFERRED_POLL.equals(activity)))
            waitScheduled = at;
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          long scheduled = e.getActivityTaskStartedEventAttributes().getScheduledEventId();
          startedByScheduled.put(scheduled, e);
          if (RESTORE.equals(activityTypes.get(scheduled)) && restoreStarted == null)
            restoreStarted = at;
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          long scheduled = e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
          HistoryEvent poll = startedByScheduled.get(scheduled);
          if (RESTORE.equals(activityTypes.get(scheduled)) && restoreDone == null) restoreDone = at;
          String activity = activityTypes.get(scheduled);
          boolean deferred = DEFERRED_POLL.equals(activity);
          if ((POLL.equals(activity) || deferred) && poll != null) {
            readySeen = instant(poll.getEventTime());
            int attempts = poll.getActivityTaskStartedEventAttributes().getAttempt();
            describes = deferred ? attempts - 1 : attempts;
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          if (isNotification(
              activityTypes, e.getActivityTaskTimedOutEventAttributes().getScheduledEventId()))
            notificationsLost++;
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          if (isNotification(
              activityTypes, e.getActivityTaskFailedEventAttributes().getScheduledEventId()))
            notificationsLost++;
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
          closed = at;
          outcome = "completed";
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
          closed = at;
          outcome = "failed";
          failure = e.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage();
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
          closed = at;
          outcome = "timed-out";
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
          closed = at;
          outcome = "canceled";
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
          closed = at;
          outcome = "terminated";
        }
        default -> {}
      }
    }
    return new RunMeasures(
        started,
        closed,
        outcome,
        firstTask,
        restoreStarted,
        restoreDone,
        waitScheduled,
        readySeen,
        describes,
        failure,
        notificationsLost);
  }

  private static boolean isNotification(Map<Long, String> activityTypes, long scheduled) {
    String type = activityTypes.get(scheduled);
    return type != null && type.startsWith(NOTIFY);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
