package dev.drrunbooks.activities.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One ended run as an auditor reads it: what ran, for which services, how it ended, each service's
 * objectives against what it achieved, and who approved what at its gates.
 *
 * @param approvals each decision at the run's gates, oldest first: who (verified identity or typed
 *     name), channel, when, what and why ({@link ApprovalRecord#line()}); for a run recorded before
 *     the ledger kept approvals, its timeline's approval steps ({@link
 *     ApprovalRecord#fromTimeline})
 */
public record AuditedRun(
    String workflowId,
    String procedure,
    String title,
    List<String> services,
    Instant startedAt,
    Instant endedAt,
    String outcome,
    boolean passed,
    boolean breached,
    List<AuditedObjective> objectives,
    List<ApprovalRecord> approvals,
    String runLink) {

  public AuditedRun {
    services = List.copyOf(services);
    objectives = List.copyOf(objectives);
    approvals = List.copyOf(approvals);
  }

  /**
   * One service's objectives in a run, in seconds; an achieved value is null when the run did not
   * measure it.
   */
  public record AuditedObjective(
      String service,
      Double rtoObjectiveSeconds,
      Double rtoAchievedSeconds,
      boolean rtoBreached,
      Double rpoObjectiveSeconds,
      Double rpoAchievedSeconds,
      boolean rpoBreached) {}
}
