package dev.drrunbooks.runcleanup;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.history.v1.StartChildWorkflowExecutionInitiatedEventAttributes;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * The parent close policy each child run was started with, read from the parent's history. The
 * time-skipping test server records the policy but does not apply it (RunCleanupSandboxTest shows
 * it applied).
 */
public final class ChildClosePolicies {
  private ChildClosePolicies() {}

  /**
   * "CHILD_WORKFLOW_ID POLICY" per child started, lock children (which die with their holder) left
   * out.
   */
  public static List<String> of(WorkflowClient client, String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.hasStartChildWorkflowExecutionInitiatedEventAttributes())
        .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes())
        .filter(a -> !a.getWorkflowType().getName().equals("ResourceLock"))
        .map(ChildClosePolicies::describe)
        .toList();
  }

  private static String describe(StartChildWorkflowExecutionInitiatedEventAttributes a) {
    ParentClosePolicy p = a.getParentClosePolicy();
    return a.getWorkflowId() + " " + p.name().replace("PARENT_CLOSE_POLICY_", "");
  }
}
