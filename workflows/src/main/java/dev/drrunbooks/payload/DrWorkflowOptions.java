package dev.drrunbooks.payload;

import io.temporal.worker.WorkflowImplementationOptions;

/**
 * The options every workflow implementation is registered with, in workers and workflow tests
 * alike.
 */
public final class DrWorkflowOptions {
  /**
   * A workflow input that cannot be read fails the run at once instead of its workflow task
   * forever.
   */
  private static final WorkflowImplementationOptions OPTIONS =
      WorkflowImplementationOptions.newBuilder()
          .setFailWorkflowExceptionTypes(InvalidInputException.class)
          .build();

  private DrWorkflowOptions() {}

  public static WorkflowImplementationOptions get() {
    return OPTIONS;
  }
}
