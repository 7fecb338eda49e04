package dev.drrunbooks.activities.ledger;

import dev.drrunbooks.report.RunReport;

/**
 * What the ledger keeps of an ended run: its report (outcome, objectives achieved against those
 * set, the timeline of measured steps, the evidence checked) and the run's identity.
 *
 * @param workflowId unique per start (REJECT_DUPLICATE ids): the ledger's key for the run
 * @param runId Temporal's run id of the run that ended (a run continued as new writes at its end)
 * @param workflowType the Temporal workflow type ({@code PointInTimeRestore})
 * @param report the run's report; for a failed or cancelled run, what was known when it ended
 */
public record EndedRunEvidence(
    String workflowId, String runId, String workflowType, RunReport report) {}
