package dev.drrunbooks.starter;

import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Starts a procedure with a readable id and its search attributes, prints where to watch it, and waits for it. */
public final class RunStarter {
  private final Connection connection;
  private final PrintWriter out;
  private final PrintWriter err;

  public RunStarter(Connection connection, PrintWriter out, PrintWriter err) {
    this.connection = connection;
    this.out = out;
    this.err = err;
  }

  /**
   * @param launch calls the workflow method on the stub (e.g. {@code wf -> wf.run(input)})
   * @param onResult prints the result and returns the exit code
   */
  public <W, R> int start(String procedure, String service, String subject, Class<W> workflow, Consumer<W> launch,
      Class<R> resultType, boolean noWait, Function<R, Integer> onResult) {
    return startWithId(WorkflowIds.of(procedure, subject == null || subject.isBlank() ? "unknown" : subject,
        Instant.now()), procedure, service, workflow, launch, resultType, noWait, onResult);
  }

  /** As {@link #start}, with an id the caller chose: e.g. one per DNS record, so two runs cannot overlap. */
  public <W, R> int startWithId(String workflowId, String procedure, String service, Class<W> workflow,
      Consumer<W> launch, Class<R> resultType, boolean noWait, Function<R, Integer> onResult) {
    WorkflowClient client = connection.client();
    W stub = client.newWorkflowStub(workflow, WorkflowOptions.newBuilder()
        .setTaskQueue(connection.taskQueue())
        .setWorkflowId(workflowId)
        // An id names one run forever: a closed run's id is never given to another start.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.PROCEDURE, procedure)
            .set(SearchAttributes.SERVICE, service == null || service.isBlank() ? "unknown" : service)
            .set(SearchAttributes.PHASE, "queued")
            .build())
        .build());
    WorkflowExecution execution;
    try {
      execution = WorkflowClient.start(() -> launch.accept(stub));
    } catch (WorkflowExecutionAlreadyStarted e) {
      err.printf("Refused: run %s (run id %s) is already running and only one may run at a time: %s%n", workflowId,
          e.getExecution().getRunId(), connection.runLink(workflowId, e.getExecution().getRunId()));
      return 4;
    } catch (RuntimeException e) {
      err.printf("Could not start %s on Temporal at %s: %s%n(check with: dr doctor)%n", procedure,
          connection.address(), Failures.rootMessage(e));
      return 5;
    }
    out.printf("Started %s: workflow %s run %s%n  Temporal UI: %s%n", procedure, workflowId, execution.getRunId(),
        connection.runLink(workflowId, execution.getRunId()));
    out.flush();
    if (noWait) return 0;

    WorkflowStub untyped = client.newUntypedWorkflowStub(workflowId, Optional.of(execution.getRunId()), Optional.empty());
    try {
      R result = untyped.getResult(resultType);
      int code = onResult.apply(result);
      out.printf("Run: %s%n", connection.runLink(workflowId, execution.getRunId()));
      return code;
    } catch (WorkflowFailedException e) {
      err.printf("%s run %s failed: %s%n  Temporal UI: %s%n", procedure, workflowId, Failures.rootMessage(e),
          connection.runLink(workflowId, execution.getRunId()));
      return 1;
    }
  }
}
