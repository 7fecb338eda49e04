package dev.drrunbooks.fleet;

import dev.drrunbooks.model.ObjectiveCheck;
import java.time.Duration;

/**
 * One service's DR drill child run in a fleet drill.
 *
 * @param region the service's primary region (where its slot was counted)
 * @param workflowId the child run's id ({@code <fleet run id>-<service>})
 * @param outcome {@link FleetMemberResult#PASSED}, FAILED (a step, a check or an objective),
 *     CANCELLED, or NOT_STARTED (its region had no room under the DB-instance quota)
 * @param queuedFor how long it waited for a slot; null when it never started
 * @param ranFor how long the child run took; null when it never started
 * @param rto the drill's achieved RTO against the objective; null when the drill measured none (it
 *     failed before the service was up, or never started)
 * @param rpo the drill's achieved RPO (the restored snapshot's age) against the objective; null
 *     alike
 * @param summary the child's failure or summary
 */
public record FleetDrillMember(
    String service,
    String region,
    String workflowId,
    String outcome,
    Duration queuedFor,
    Duration ranFor,
    ObjectiveCheck rto,
    ObjectiveCheck rpo,
    String summary) {

  /** Whether the service's drill passed (every step, check and objective). */
  public boolean passed() {
    return FleetMemberResult.PASSED.equals(outcome);
  }
}
