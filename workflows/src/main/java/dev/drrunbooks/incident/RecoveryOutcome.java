package dev.drrunbooks.incident;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.datarecovery.DataRecoveryOutcome;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import java.util.List;
import java.util.Set;

/**
 * What a recovery child's end means to the incident.
 *
 * @param state FAILED (the child failed or never started), the failover's outcome (SWITCHED,
 *     ABORTED, NOT_NEEDED, ...), RESTORED, RECOVERED, NOT_RECOVERED or RESTORED_NOT_REPLAYED (data
 *     recovery), or DONE
 * @param timeline the child's own steps; null when it failed
 * @param rpo the recovery point objective a restore measured; null when none did
 * @param validation the restored database's validation or integrity report; null when none
 */
record RecoveryOutcome(
    String state,
    String detail,
    List<TimelineEntry> timeline,
    ObjectiveCheck rpo,
    ValidationReport validation) {

  /**
   * States that are not a success: the phase is not done by them, and the timeline shows them
   * FAILED.
   */
  private static final Set<String> UNSUCCESSFUL = Set.of("FAILED", "ABORTED", "NOT_RECOVERED");

  /**
   * @param result the child's result when it completed, else null
   * @param failure why it failed (or did not start), else null
   */
  static RecoveryOutcome of(Object result, RuntimeException failure) {
    if (failure != null)
      return new RecoveryOutcome("FAILED", Failures.rootMessage(failure), null, null, null);
    if (result instanceof DnsFailoverResult f) {
      return new RecoveryOutcome(f.outcome().name(), f.summary(), f.timeline(), null, null);
    }
    if (result instanceof PointInTimeRestoreResult p) {
      ObjectiveCheck rpo = p.objectives() == null ? null : p.objectives().rpo();
      return new RecoveryOutcome("RESTORED", p.summary(), p.timeline(), rpo, p.validation());
    }
    if (result instanceof CorruptedDataRecoveryResult d) {
      // A replay whose recovered database is still wrong is not a recovery (runs before that check:
      // null).
      String state =
          d.replay() == null
              ? "RESTORED_NOT_REPLAYED"
              : d.outcome() == DataRecoveryOutcome.NOT_RECOVERED ? "NOT_RECOVERED" : "RECOVERED";
      return new RecoveryOutcome(state, d.summary(), d.timeline(), d.rpo(), d.integrity());
    }
    if (result instanceof EcsRecoveryResult e) {
      return new RecoveryOutcome("RECOVERED", e.summary(), e.timeline(), null, null);
    }
    return new RecoveryOutcome("DONE", String.valueOf(result), null, null, null);
  }

  /** Whether the child succeeded: shown SUCCEEDED on the timeline. */
  boolean succeeded() {
    return !UNSUCCESSFUL.contains(state);
  }

  /**
   * Whether the end completes the recovery phase: it succeeded and changed something, so a failover
   * found NOT_NEEDED (the primary was healthy, nothing was recovered) does not.
   */
  boolean recovered() {
    return succeeded() && !state.equals("NOT_NEEDED");
  }
}
