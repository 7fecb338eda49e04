package dev.drrunbooks.starter.commands;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The run a command acts on: its workflow id and, optionally, one run of it (default: latest). */
final class RunSelector {
  @Parameters(
      index = "0",
      paramLabel = "WORKFLOW_ID",
      description = "The run's workflow id, as dr printed it when it started")
  String workflowId;

  @Option(names = "--run-id", description = "A particular run (default: the latest)")
  String runId;

  /** A stub on the selected run. */
  WorkflowStub stub(WorkflowClient client) {
    return client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
  }
}
