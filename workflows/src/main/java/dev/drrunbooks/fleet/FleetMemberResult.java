package dev.drrunbooks.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * One service's child run in a fleet run.
 *
 * @param region where its restore ran (the service's primary region)
 * @param workflowId the child run's id ({@code <fleet run id>-<service>})
 * @param outcome PASSED, FAILED, CANCELLED, or NOT_STARTED (the fleet was cancelled first)
 * @param queuedFor how long it waited for a slot before it started; null when it never started
 * @param ranFor how long the child run took; null when it never started
 * @param restoreDuration the restore's duration (request to available); null unless it passed
 * @param summary the child's summary, or why it failed
 */
public record FleetMemberResult(
    String service,
    String region,
    String workflowId,
    String outcome,
    Duration queuedFor,
    Duration ranFor,
    Duration restoreDuration,
    String summary) {

  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";
  public static final String NOT_STARTED = "NOT_STARTED";

  /** Whether its backup was validated. */
  public boolean passed() {
    return PASSED.equals(outcome);
  }

  /**
   * A member that never started: the fleet was cancelled while it queued, or its region had no
   * room; {@code why} says which.
   */
  static FleetMemberResult notStarted(
      String service, String region, String workflowId, String why) {
    return new FleetMemberResult(service, region, workflowId, NOT_STARTED, null, null, null, why);
  }

  /** Started at {@code started} after queueing since {@code queued}, ended at {@code ended}. */
  static FleetMemberResult ended(
      String service,
      String region,
      String workflowId,
      String outcome,
      Instant queued,
      Instant started,
      Instant ended,
      Duration restoreDuration,
      String summary) {
    return new FleetMemberResult(
        service,
        region,
        workflowId,
        outcome,
        Duration.between(queued, started),
        Duration.between(started, ended),
        restoreDuration,
        summary);
  }
}
