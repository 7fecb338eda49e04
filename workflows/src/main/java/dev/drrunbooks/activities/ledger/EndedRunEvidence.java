package dev.drrunbooks.activities.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.drrunbooks.report.RunReport;
import java.util.List;

/**
 * What the ledger keeps of an ended run: its report (outcome, objectives achieved against those
 * set, the timeline of measured steps, the evidence checked), the decisions at its approval gates
 * and the run's identity.
 *
 * @param workflowId unique per start (REJECT_DUPLICATE ids): the ledger's key for the run
 * @param runId Temporal's run id of the run that ended (a run continued as new writes at its end)
 * @param workflowType the Temporal workflow type ({@code PointInTimeRestore})
 * @param report the run's report; for a failed or cancelled run, what was known when it ended
 * @param approvals every decision at the run's gates, oldest first, whatever its ending (empty for
 *     a run without gates, and for runs recorded before the ledger kept approvals)
 */
public record EndedRunEvidence(
    String workflowId,
    String runId,
    String workflowType,
    RunReport report,
    List<ApprovalRecord> approvals) {

  @JsonCreator
  public EndedRunEvidence {
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }

  /** A run without gate decisions. */
  public EndedRunEvidence(String workflowId, String runId, String workflowType, RunReport report) {
    this(workflowId, runId, workflowType, report, List.of());
  }
}
