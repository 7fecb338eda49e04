package dev.drrunbooks.testing;

import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.ApproverClientInterceptor;
import io.temporal.client.WorkflowClient;

/** A run's stub whose updates and signals answer as a verified identity, as dr approve sends. */
public final class AnsweringAs {
  private AnsweringAs() {}

  /**
   * @param client any client of the test environment (its namespace and converter are kept)
   * @param identity e.g. "operator:sre-alice"
   */
  public static <T> T stub(
      WorkflowClient client, String identity, Class<T> workflowInterface, String workflowId) {
    WorkflowClient answering =
        WorkflowClient.newInstance(
            client.getWorkflowServiceStubs(),
            client.getOptions().toBuilder()
                .setInterceptors(
                    new ApproverClientInterceptor(new Approver(identity, "dr approve")))
                .build());
    return answering.newWorkflowStub(workflowInterface, workflowId);
  }
}
