package dev.drrunbooks.starter;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.RunStartOptions;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Starts a procedure with a readable id and its search attributes, prints where to watch it, and
 * waits for it.
 */
public final class RunStarter {
  /** How long {@link #startConfirmed} waits for the run to get past its opening phase. */
  private static final Duration OPENING_WAIT = Duration.ofSeconds(20);

  /** The phase a run is started with, before a worker takes its first step. */

  /** How often a wait for the result looks at the run's phase, for its progress lines. */
  private static final Duration PROGRESS_POLL = Duration.ofSeconds(2);

  private final Connection connection;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  /** What a person reads (where to watch the run, its progress) goes to {@code out}. */
  public RunStarter(Connection connection, PrintWriter out, PrintWriter err) {
    this(connection, out, err, false);
  }

  /**
   * @param json {@code --json}: stdout gets only the run as JSON ({@link StartedRun}), what a
   *     person reads goes to {@code err}
   */
  public RunStarter(Connection connection, PrintWriter out, PrintWriter err, boolean json) {
    this.connection = connection;
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /**
   * What {@code --json} prints for a started run.
   *
   * @param result the run's result (see the procedure's result type); null with --no-wait
   */
  public record StartedRun(String workflowId, String runId, String link, Object result) {}

  /** Where lines for a person go: stdout, or stderr under --json. */
  private PrintWriter human() {
    return json ? err : out;
  }

  /**
   * Starts a run of {@code procedure} with a new id ({@link Procedure#runId}); when waiting, prints
   * its result or throws a {@link CliFailure} with the run's whole failure reason and the exit code
   * of its kind ({@link FailureMessage#exitCode}).
   *
   * @param subject what the id names the run after (a service, a list of services, a run id)
   * @param input the workflow method's one argument, of {@link Procedure#inputType()}
   * @param onResult prints the result and returns the exit code
   */
  public <W, R> int start(
      Procedure<W, R> procedure,
      String service,
      String subject,
      Object input,
      boolean noWait,
      Function<R, Integer> onResult) {
    return start(procedure, procedure.key(), service, subject, input, noWait, onResult);
  }

  /**
   * As above, tagged and named with another key of the procedure's ({@link
   * DnsFailover.FAILBACK_KEY}).
   */
  public <W, R> int start(
      Procedure<W, R> procedure,
      String key,
      String service,
      String subject,
      Object input,
      boolean noWait,
      Function<R, Integer> onResult) {
    String workflowId = Procedure.runId(key, subject, Instant.now(), WorkflowIds.suffix());
    WorkflowExecution execution = launch(workflowId, key, service, procedure, input);
    String link = connection.runLink(workflowId, execution.getRunId());
    if (noWait) {
      if (json) JsonOption.print(out, new StartedRun(workflowId, execution.getRunId(), link, null));
      else
        out.printf(
            "Follow it: dr watch %s (dr status %s names a gate it waits at, with its dr approve"
                + " command)%n",
            workflowId, workflowId);
      return ExitCodes.OK;
    }

    WorkflowStub untyped =
        connection
            .client()
            .newUntypedWorkflowStub(
                workflowId, Optional.of(execution.getRunId()), Optional.empty());
    try {
      R result = awaitResult(untyped, procedure.resultType());
      int code = onResult.apply(result);
      if (json)
        JsonOption.print(out, new StartedRun(workflowId, execution.getRunId(), link, result));
      else out.printf("Run: %s%n", link);
      return code;
    } catch (WorkflowFailedException e) {
      throw new CliFailure(
          FailureMessage.exitCode(e),
          key + " run " + workflowId + " failed: " + FailureMessage.of(e),
          e);
    }
  }

  /**
   * The run's result; meanwhile a progress line ({@link PhaseProgress}) when its phase changes and
   * at least every 30 s, so a long wait is never silent. A run done within the first poll prints
   * none.
   */
  private <R> R awaitResult(WorkflowStub run, Class<R> type) {
    PhaseProgress progress = new PhaseProgress();
    BusyAnswers busy = new BusyAnswers();
    while (true) {
      try {
        return run.getResult(PROGRESS_POLL.toMillis(), TimeUnit.MILLISECONDS, type);
      } catch (TimeoutException e) {
        busy.answered();
      } catch (RuntimeException e) {
        // A server too busy to answer this poll says nothing about the run: poll again.
        if (!busy.pollAgain(e, Instant.now())) throw e;
        sleep();
      }
      String line = progress.next(phaseOf(run), Instant.now(), null);
      if (line != null) {
        human().printf("  %s%n", line);
        human().flush();
      }
    }
  }

  /** The run's DrPhase; null when not set or when describe fails (the next poll tries again). */
  private static String phaseOf(WorkflowStub run) {
    try {
      return run.describe().getTypedSearchAttributes().get(SearchAttributes.PHASE);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Starts a run that lives long (an incident) and returns once it is past its opening phase, so a
   * run that fails at once (input only the run can check, such as a service missing from the
   * catalog) is reported as failed rather than as started. Reads the run's phase search attribute:
   * no worker query needed.
   */
  public <W> int startConfirmed(
      String workflowId,
      Procedure<W, ?> procedure,
      String service,
      Object input,
      String openingPhase) {
    WorkflowExecution execution = launch(workflowId, procedure.key(), service, procedure, input);
    WorkflowStub untyped =
        connection
            .client()
            .newUntypedWorkflowStub(
                workflowId, Optional.of(execution.getRunId()), Optional.empty());
    Instant until = Instant.now().plus(OPENING_WAIT);
    while (Instant.now().isBefore(until)) {
      WorkflowExecutionDescription d = untyped.describe();
      if (d.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        try {
          untyped.getResult(Object.class);
          return ExitCodes.OK;
        } catch (WorkflowFailedException e) {
          throw new CliFailure(
              FailureMessage.exitCode(e),
              procedure + " run " + workflowId + " failed at once: " + FailureMessage.of(e),
              e);
        }
      }
      String phase = d.getTypedSearchAttributes().get(SearchAttributes.PHASE);
      if (phase != null && !phase.equals(SearchAttributes.QUEUED) && !phase.equals(openingPhase))
        return ExitCodes.OK;
      sleep();
    }
    err.printf(
        "(%s has not got past %s within %ss: no worker may be polling task queue %s; check with: dr"
            + " doctor)%n",
        workflowId, openingPhase, OPENING_WAIT.toSeconds(), connection.taskQueue());
    return ExitCodes.OK;
  }

  /**
   * The one named service's catalog objectives for the run's summary; null for several services or
   * when the catalog cannot be read here (the run reads and checks the catalog itself).
   */
  private Objectives objectivesOf(String service) {
    if (service == null || service.isBlank() || service.contains(",")) return null;
    try {
      ServiceSpec spec = connection.loadCatalog().services().get(service);
      return spec == null ? null : spec.objectives();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Starts the run and prints where to watch it; refusals and connection trouble become {@link
   * CliFailure}s.
   */
  private WorkflowExecution launch(
      String workflowId, String tag, String service, Procedure<?, ?> procedure, Object input) {
    if (!procedure.inputType().isInstance(input))
      throw new IllegalArgumentException(
          procedure.key() + " takes a " + procedure.inputType().getName() + ", not " + input);
    WorkflowStub stub =
        connection
            .client()
            .newUntypedWorkflowStub(
                procedure.workflowType(),
                RunStartOptions.of(
                    RunSummary.of(procedure, tag, service, objectivesOf(service)),
                    workflowId,
                    connection.taskQueue(),
                    tag,
                    service));
    WorkflowExecution execution;
    try {
      execution = stub.start(input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // REJECT_DUPLICATE: the id may belong to a run still going or to one that has ended.
      throw new CliFailure(
          ExitCodes.REFUSED,
          "refused: a run with id "
              + workflowId
              + " already exists (run id "
              + e.getExecution().getRunId()
              + "); only one may run at a time and an id is never reused: "
              + connection.runLink(workflowId, e.getExecution().getRunId()),
          e);
    } catch (RuntimeException e) {
      throw new CliFailure(
          OneLineErrors.classify(e).exitCode(),
          "could not start "
              + tag
              + " on Temporal at "
              + connection.address()
              + ": "
              + FailureMessage.of(e)
              + " (check with: dr doctor)",
          e);
    }
    human()
        .printf(
            "Started %s: workflow %s run %s%n  Temporal UI: %s%n",
            tag,
            workflowId,
            execution.getRunId(),
            connection.runLink(workflowId, execution.getRunId()));
    human().flush();
    return execution;
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.RUN_FAILED, "interrupted while waiting for the run", e);
    }
  }
}
