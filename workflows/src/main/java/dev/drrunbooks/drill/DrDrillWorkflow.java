package dev.drrunbooks.drill;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The runbook's monthly dr-drill.sh, with the cleanup it lacked: a test environment stack, the
 * newest snapshot restored into it, the service deployed there, smoke and data checks, a report,
 * and then everything the run created deleted and checked gone, also when a step failed or the
 * drill was cancelled.
 */
@WorkflowInterface
public interface DrDrillWorkflow {

  @WorkflowMethod(name = "DrDrill")
  DrDrillResult run(DrDrillInput input);

  @QueryMethod
  String status();
}
