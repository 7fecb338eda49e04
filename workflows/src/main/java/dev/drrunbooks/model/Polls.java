package dev.drrunbooks.model;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * A wait polled one activity attempt at a time: each attempt describes once, and "not yet" is a
 * retryable failure that names the delay before the next attempt (Temporal's next-retry delay,
 * https://docs.temporal.io/encyclopedia/retry-policies#per-error-next-retry-delay), so the wait
 * lives in the server's retry timer, not in a worker thread.
 */
public final class Polls {
  /** The failure type of a poll that found the resource not ready yet. */
  public static final String NOT_YET = "NotReadyYet";

  /** The Workflow.getVersion change id of restore waits that poll one attempt at a time. */
  public static final String CHANGE_ID = "waits-poll-per-attempt";

  /**
   * The same for snapshot waits: an id of its own, since a run that waits for a snapshot copy first
   * and recorded the restore's marker later would otherwise replay the copy's wait differently.
   */
  public static final String SNAPSHOT_CHANGE_ID = "snapshot-waits-poll-per-attempt";

  /**
   * The same for CloudFormation stack waits (created, deleted): an id of its own per wait kind, so
   * a run whose restore wait recorded {@link #CHANGE_ID} before this change replays its stack waits
   * down the path it took.
   */
  public static final String STACK_CHANGE_ID = "stack-waits-poll-per-attempt";

  /** The same for ECS steady-state waits (steady, steady on a task definition). */
  public static final String ECS_CHANGE_ID = "ecs-waits-poll-per-attempt";

  /** The same for Route 53 change INSYNC waits. */
  public static final String DNS_CHANGE_ID = "dns-waits-poll-per-attempt";

  /**
   * Restore waits whose first attempt describes nothing and whose cadence spends that describe
   * later (RestorePollCadence.deferred): for a restore expected within 30 s, the difference between
   * noticing it 10 s late and 2 s late.
   */
  public static final String FIRST_POLL_CHANGE_ID = "restore-wait-first-poll-deferred";

  private Polls() {}

  /**
   * Whether this run's waits of the kind {@code changeId} names poll one attempt at a time: true
   * for runs begun since, false for runs whose history recorded the heartbeating wait (they replay
   * it). Workflow code only (it records or reads a version marker).
   */
  public static boolean perAttempt(String changeId) {
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * The options of a wait until {@code deadline}: {@link ActivityDefaults#pollUntil} when it polls
   * per attempt, else the heartbeating {@link ActivityDefaults#waitUntil}.
   */
  public static ActivityOptions options(boolean perAttempt, Instant deadline, String summary) {
    return perAttempt
        ? ActivityDefaults.pollUntil(deadline, summary)
        : ActivityDefaults.waitUntil(deadline, summary);
  }
}
