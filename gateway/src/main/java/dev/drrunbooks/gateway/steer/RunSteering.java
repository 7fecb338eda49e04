package dev.drrunbooks.gateway.steer;

import dev.drrunbooks.approval.ApprovalGate;
import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.reporting.RunLinks;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.RunStartOptions;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Carries a verified request to Temporal: an update on a running run, or a start. The run's own
 * validator decides whether an update is taken (it answers before anything is recorded); its
 * refusal, an unknown run and an ended run become 4xx {@link Refusal}s with the reason.
 */
public final class RunSteering {
  private final WorkflowClient client;
  private final String taskQueue;
  private final RunLinks links;
  private final Duration answerWithin;

  private static final ExecutorService UPDATES =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "gateway-update");
            t.setDaemon(true);
            return t;
          });

  public RunSteering(WorkflowClient client, String taskQueue, RunLinks links) {
    this(client, taskQueue, links, Duration.ofSeconds(20));
  }

  /**
   * @param answerWithin how long a request waits for the run's worker to answer an update
   */
  public RunSteering(
      WorkflowClient client, String taskQueue, RunLinks links, Duration answerWithin) {
    this.answerWithin = answerWithin;
    this.client = client;
    this.taskQueue = taskQueue;
    this.links = links;
  }

  /**
   * Sends the update {@code name} with {@code argument} to the running run {@code workflowId}.
   *
   * @throws Refusal 404 (unknown run), 409 (the run has ended, or its validator refused, with the
   *     validator's reason)
   */
  public Answer update(String workflowId, String name, Object argument, Class<?> resultType) {
    return update(client, workflowId, name, argument, resultType);
  }

  /**
   * As {@link #update(String, String, Object, Class)}, answering as {@code approver}: the update
   * carries its verified identity in the approver header, which the run's gate checks against the
   * catalog's approval policy.
   *
   * @throws Refusal also 403 when the run's policy does not allow the approver
   */
  public Answer updateAs(
      Approver approver, String workflowId, String name, Object argument, Class<?> resultType) {
    WorkflowClient answering =
        WorkflowClient.newInstance(
            client.getWorkflowServiceStubs(),
            DrClientOptions.answeringAs(client.getOptions(), approver));
    return update(answering, workflowId, name, argument, resultType);
  }

  private Answer update(
      WorkflowClient client, String workflowId, String name, Object argument, Class<?> resultType) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    String runId = requireRunning(stub, workflowId);
    // The SDK's update blocks until a worker answers: bounded here, so a caller never hangs.
    CompletableFuture<Object> sent =
        CompletableFuture.supplyAsync(() -> stub.update(name, resultType, argument), UPDATES);
    try {
      Object result = sent.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(workflowId, runId, links.of(workflowId, runId), result);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowUpdateException u) {
        String refused = "run " + workflowId + " refused " + name + ": " + reason(u);
        if (reason(u).startsWith(ApprovalGate.NOT_ALLOWED)) throw Refusal.forbidden(refused);
        throw Refusal.conflict(refused);
      }
      if (e.getCause() instanceof WorkflowNotFoundException) throw Refusal.unknownRun(workflowId);
      throw new IllegalStateException(
          "update " + name + " of " + workflowId + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new Refusal(
          504,
          "run: "
              + workflowId
              + " did not answer "
              + name
              + " within "
              + answerWithin.toSeconds()
              + " s (is a worker polling its task queue?); it may still take it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal(503, "gateway: interrupted while waiting for " + workflowId);
    }
  }

  /**
   * Starts {@code procedure} as {@code workflowId}, tagged as the starter tags its runs. The id is
   * never reused (REJECT_DUPLICATE), so a retried delivery of the same alert starts nothing twice.
   *
   * @throws Refusal 409 when a run with that id exists
   */
  public Answer start(String workflowId, Procedure<?, ?> procedure, String service, Object input) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            procedure.workflowType(),
            RunStartOptions.of(
                RunSummary.of(procedure, service, null),
                workflowId,
                taskQueue,
                procedure.key(),
                service));
    try {
      WorkflowExecution started = stub.start(input);
      return new Answer(
          workflowId, started.getRunId(), links.of(workflowId, started.getRunId()), null);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw Refusal.conflict(
          "run: "
              + workflowId
              + " already exists (run id "
              + e.getExecution().getRunId()
              + "); this request was already carried out");
    }
  }

  private static String requireRunning(WorkflowStub stub, String workflowId) {
    WorkflowExecutionDescription d;
    try {
      d = stub.describe();
    } catch (WorkflowNotFoundException e) {
      throw Refusal.unknownRun(workflowId);
    }
    if (d.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
      throw Refusal.conflict(
          "run: "
              + workflowId
              + " has ended ("
              + d.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "")
              + "); nothing was changed");
    return d.getExecution().getRunId();
  }

  /** The validator's own message, without the SDK's wrapping. */
  private static String reason(WorkflowUpdateException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a) return a.getOriginalMessage();
    }
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }
}
