package dev.drrunbooks.activities.report;

import dev.drrunbooks.report.FollowUpDrill;

/**
 * Which run to report on, for {@code dr report RUN}.
 *
 * @param workflowId the run's workflow id
 * @param runId a particular run; null for the latest
 * @param review also write the post-incident review (a failover, restore, data recovery or incident
 *     run)
 * @param followUpDrill the next scheduled DR drill the review names; null when the review is not
 *     asked for
 */
public record RunReportRequest(
    String workflowId, String runId, boolean review, FollowUpDrill followUpDrill) {}
