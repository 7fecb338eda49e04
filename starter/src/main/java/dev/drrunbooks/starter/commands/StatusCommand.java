package dev.drrunbooks.starter.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.starter.Connection;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", description = "A run's state: Temporal's view, its phase, and its own status query (gate waited at, progress).")
public final class StatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WORKFLOW_ID") String workflowId;
  @Option(names = "--run-id", description = "A particular run (default: the latest)") String runId;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    try (Connection conn = connection) {
      WorkflowStub run = conn.client().newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
      WorkflowExecutionDescription d;
      try {
        d = run.describe();
      } catch (RuntimeException e) {
        spec.commandLine().getErr().printf("No run %s: %s%n", workflowId, Failures.rootMessage(e));
        return 1;
      }
      out.printf("%s (%s) run %s: %s, started %s%n", workflowId, d.getWorkflowType(), d.getExecution().getRunId(),
          d.getStatus(), d.getStartTime());
      var attributes = d.getTypedSearchAttributes();
      out.printf("procedure %s, service %s, phase %s%n", attributes.get(SearchAttributes.PROCEDURE),
          attributes.get(SearchAttributes.SERVICE), attributes.get(SearchAttributes.PHASE));
      try {
        Object status = run.query("status", Object.class);
        out.println(status instanceof Map || status instanceof Iterable ? JSON.writeValueAsString(status) : status);
      } catch (RuntimeException e) {
        out.println("(no status query answer: " + Failures.rootMessage(e) + ")");
      }
      out.println("Temporal UI: " + conn.runLink(workflowId, d.getExecution().getRunId()));
      return 0;
    }
  }
}
