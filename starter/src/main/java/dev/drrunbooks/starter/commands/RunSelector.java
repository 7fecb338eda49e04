package dev.drrunbooks.starter.commands;

import dev.drrunbooks.starter.RunIdResolver;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The run a command acts on: its workflow id and, optionally, one run of it (default: latest). */
final class RunSelector {
  @Parameters(index = "0", paramLabel = "RUN")
  String workflowId;

  @Option(names = "--run-id")
  String runId;

  /**
   * Replaces a prefix by the full workflow id it names ({@link RunIdResolver}); returns the full
   * id.
   */
  String resolve(WorkflowClient client) {
    workflowId = RunIdResolver.resolve(client, workflowId);
    return workflowId;
  }

  /** A stub on the selected run, its id resolved first. */
  WorkflowStub stub(WorkflowClient client) {
    resolve(client);
    return client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
  }
}
