package dev.drrunbooks.model;

import io.temporal.workflow.Workflow;

/**
 * The {@link Ownership} of what the current run creates. Workflow code only.
 *
 * <p>The run token is the first execution run id: the server gives every start a new one, and it
 * stays the same across the run's retries and resets, so a retried activity still finds its own
 * work. Runs that began before run tokens existed (no version marker in their history) keep
 * matching by workflow id alone, so their clean-up still finds what they created.
 */
public final class RunOwnership {
  static final String CHANGE_ID = "ownership-by-run-token";

  private RunOwnership() {}

  public static Ownership current(String procedure) {
    return of(Workflow.getInfo().getWorkflowId(), procedure);
  }

  /**
   * The ownership a run of {@code workflowId} has, with this run's token when this run uses tokens.
   */
  public static Ownership of(String workflowId, String procedure) {
    return new Ownership(
        workflowId,
        usesRunTokens() ? Workflow.getInfo().getFirstExecutionRunId() : null,
        procedure);
  }

  /** True for runs started since run tokens exist; the same answer every time within a run. */
  public static boolean usesRunTokens() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
