package dev.drrunbooks.model;

import dev.drrunbooks.activities.notify.Notification;
import dev.drrunbooks.activities.notify.NotificationActivities;
import dev.drrunbooks.activities.notify.NotificationKind;
import dev.drrunbooks.activities.notify.WaitingGate;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * A run's outbound notifications, sent from workflow code at its gates, phase changes and end (see
 * {@code runbook.RunNotificationInterceptor}, which switches them on for a worker and sends the
 * end). Each is an activity started without waiting, so a slow or dead channel never holds the
 * procedure; its failure is logged, never the run's. The end waits for those still in flight, then
 * sends its own, so a receiver hears the end last (PagerDuty's resolve after the gate's trigger).
 *
 * <p>Off (every method does nothing) where the interceptor is not installed; behind version 1 of
 * {@link #CHANGE_ID}, so runs recorded before it replay unchanged. Workflow code only.
 */
public final class RunNotifications {
  /** The Workflow.getVersion change id of the outbound notifications. */
  public static final String CHANGE_ID = "outbound-notifications";

  private static final Logger log = Workflow.getLogger(RunNotifications.class);
  private static final WorkflowLocal<RunNotifications> CURRENT =
      WorkflowLocal.withCachedInitial(() -> null);

  /**
   * A channel down for two minutes loses that notification (logged), not the run. Its tasks go
   * ahead of all but polls ({@link ActivityDefaults#NOTIFICATION_PRIORITY}), so a busy worker's
   * backlog does not spend those two minutes.
   */
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setPriority(ActivityDefaults.NOTIFICATION_PRIORITY)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setHeartbeatTimeout(ActivityDefaults.HEARTBEAT_TIMEOUT)
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private String procedure;
  private final List<Promise<List<String>>> inFlight = new ArrayList<>();
  private NotificationActivities channels;
  private String service;
  private boolean alertOpen;

  private RunNotifications(String procedure) {
    this.procedure = procedure;
  }

  /** Switches notifications on for this run; {@code procedure} names it in every message. */
  public static RunNotifications install(String procedure) {
    RunNotifications n = new RunNotifications(procedure);
    CURRENT.set(n);
    return n;
  }

  /**
   * The procedure and service later notifications name, as the run tags itself ({@code
   * Phases.tag}): a failback's procedure is "dns-failback", not its workflow type's.
   */
  public static void tagged(String procedure, String service) {
    RunNotifications n = CURRENT.get();
    if (n == null) return;
    n.procedure = procedure;
    n.service = service;
  }

  /** The run entered {@code phase}. */
  public static void phaseEntered(String phase) {
    RunNotifications n = CURRENT.get();
    if (n == null) return;
    n.send(
        NotificationKind.PHASE_CHANGED,
        n.subject() + " entered phase " + phase,
        "phase: " + phase,
        null,
        null,
        null);
  }

  /**
   * The run waits at gate {@code step} until {@code deadline}, then does {@code onTimeout}.
   *
   * @param approvers who may answer, as the approval policy words it
   * @param answerCommand the dr command that approves it
   */
  public static void gateWaiting(
      String step, Instant deadline, String onTimeout, String approvers, String answerCommand) {
    RunNotifications n = CURRENT.get();
    if (n == null) return;
    n.send(
        NotificationKind.GATE_WAITING,
        n.subject() + " waits for approval at " + step,
        "Approve or abort before "
            + deadline
            + " (then it will "
            + onTimeout
            + "). "
            + approvers
            + ". From a terminal: "
            + answerCommand
            + " (or dr abort).",
        new WaitingGate(step, deadline, onTimeout, approvers),
        null,
        null);
  }

  /**
   * The run ended: first the notifications still in flight finish, then a missed objective (when
   * {@code breached}) and the end are sent and awaited. Runs in a detached scope, so a cancelled
   * run still says so.
   */
  public void ended(String outcome, boolean passed, boolean breached, String summary) {
    Workflow.newDetachedCancellationScope(
            () -> {
              awaitInFlight();
              if (breached)
                send(
                    NotificationKind.OBJECTIVE_BREACHED,
                    subject() + " missed a recovery objective (RTO or RPO)",
                    summary,
                    null,
                    outcome,
                    passed);
              send(
                  NotificationKind.RUN_ENDED,
                  subject() + " ended " + outcome,
                  summary,
                  null,
                  outcome,
                  passed);
              awaitInFlight();
            })
        .run();
  }

  /** Waits for the notifications still in flight (their failures are logged). */
  public void settle() {
    awaitInFlight();
  }

  private String subject() {
    return service == null ? procedure : procedure + " of " + service;
  }

  private void send(
      NotificationKind kind,
      String title,
      String detail,
      WaitingGate gate,
      String outcome,
      Boolean passed) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION)
      return;
    if (channels == null)
      channels = Workflow.newActivityStub(NotificationActivities.class, OPTIONS);
    Notification n =
        new Notification(
            kind,
            Workflow.getInfo().getWorkflowId(),
            procedure,
            service,
            title,
            detail,
            gate,
            outcome,
            passed,
            Timeline.now(),
            alertOpen);
    alertOpen |= n.needsPeople();
    // Detached: a notification sent from inside a scope the run later cancels (a race, a wait)
    // still goes out.
    Workflow.newDetachedCancellationScope(() -> inFlight.add(Async.function(channels::send, n)))
        .run();
  }

  private void awaitInFlight() {
    for (Promise<List<String>> p : inFlight) {
      try {
        p.get();
      } catch (RuntimeException e) {
        log.warn("a notification was not delivered: {}", e.getMessage());
      }
    }
    inFlight.clear();
  }
}
