package dev.drrunbooks.runbook;

import dev.drrunbooks.model.SearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;

/**
 * The options every client starts a run with (the {@code dr} starter, the webhook gateway): its id,
 * never reused; its task queue; its summary for the Temporal UI; and its search attributes before
 * the workflow sets its own ({@link SearchAttributes#atStart}).
 */
public final class RunStartOptions {
  private RunStartOptions() {}

  /**
   * @param tag the procedure tag the run is listed under (a DNS failback run: {@code dns-failback})
   * @param service the service, or services joined by {@code -}; null or blank when none
   */
  public static WorkflowOptions of(
      RunSummary summary, String workflowId, String taskQueue, String tag, String service) {
    return summary
        .on(WorkflowOptions.newBuilder())
        .setTaskQueue(taskQueue)
        .setWorkflowId(workflowId)
        // An id names one run forever: a closed run's id is never given to another start.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(SearchAttributes.atStart(tag, service))
        .build();
  }
}
