package dev.drrunbooks.runcleanup;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * {@code dr cleanup RUN}: finds what an ended run (and its child runs) left behind by their
 * ownership tags, lists it (a dry run by default), and with {@code apply} deletes only what the
 * tags prove the run created.
 */
@WorkflowInterface
public interface RunCleanupWorkflow {
  @WorkflowMethod
  RunCleanupResult run(RunCleanupInput input);

  /** The current phase: search, delete, verify, done. */
  @QueryMethod
  String status();
}
