package dev.drrunbooks.model;

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

  private Polls() {}
}
