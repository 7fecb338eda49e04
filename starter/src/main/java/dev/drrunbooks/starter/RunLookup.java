package dev.drrunbooks.starter;

import io.grpc.Status;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.function.Supplier;

/**
 * Finds the run a command acts on, so "no such run" and "that run has finished" reach the operator
 * as their own one-line refusals instead of Temporal's NOT_FOUND.
 */
public final class RunLookup {
  private RunLookup() {}

  /** The run's description; a {@link CliFailure} (not found) when there is no run with that id. */
  public static WorkflowExecutionDescription describe(WorkflowStub run, String workflowId) {
    try {
      return run.describe();
    } catch (RuntimeException e) {
      if (e instanceof WorkflowNotFoundException
          || OneLineErrors.hasStatus(e, Status.Code.NOT_FOUND)) {
        throw new CliFailure(ExitCodes.NOT_FOUND, "no run with id " + workflowId, e);
      }
      throw e;
    }
  }

  /**
   * Sends something to a running run: refused (nothing sent) when the run has finished, not found
   * when there is none, also when it finishes between the check and the sending.
   */
  public static <T> T whileRunning(WorkflowStub run, String workflowId, Supplier<T> send) {
    requireRunning(run, workflowId);
    try {
      return send.get();
    } catch (WorkflowNotFoundException e) {
      requireRunning(run, workflowId);
      throw e;
    }
  }

  private static void requireRunning(WorkflowStub run, String workflowId) {
    WorkflowExecutionStatus status = describe(run, workflowId).getStatus();
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new CliFailure(
          ExitCodes.REFUSED,
          "run " + workflowId + " already finished (" + state(status) + "); nothing sent");
    }
  }

  /** COMPLETED, FAILED, TERMINATED, ... as Temporal's UI shows it. */
  public static String state(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
