package dev.drrunbooks.starter.posture;

import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.readiness.ReadinessResult;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/**
 * The newest completed readiness evaluation, from Temporal's visibility (closed runs come newest
 * first) and that run's result.
 *
 * @param workflowId the evaluation's run
 */
public record LatestEvaluation(String workflowId, String runId, ReadinessResult result) {

  /** Empty when no evaluation has completed (the schedule not applied, or not yet due). */
  public static Optional<LatestEvaluation> find(WorkflowClient client) {
    String query =
        "WorkflowType = \""
            + ReadinessEvaluation.PROCEDURE.workflowType()
            + "\" AND ExecutionStatus = \"Completed\"";
    return client
        .listExecutions(query)
        .limit(1)
        .map(e -> of(client, e.getExecution().getWorkflowId(), e.getExecution().getRunId()))
        .findFirst();
  }

  private static LatestEvaluation of(WorkflowClient client, String workflowId, String runId) {
    ReadinessResult result =
        client
            .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
            .getResult(ReadinessResult.class);
    return new LatestEvaluation(workflowId, runId, result);
  }
}
