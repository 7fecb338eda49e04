package dev.drrunbooks.starter;

import dev.drrunbooks.bootstrap.catalog.CatalogException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Whatever a command throws reaches the operator as one line and the exit code of its kind ({@link
 * ExitCodes}); the stack trace only with {@code --verbose}.
 */
public final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final String VERBOSE = "--verbose";

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    CliFailure failure = classify(e);
    PrintWriter err = cli.getErr();
    err.println(failure.getMessage());
    if (verbose(parsed)) e.printStackTrace(err);
    err.flush();
    return failure.exitCode();
  }

  /**
   * A usage error or bad input: one line (no usage dump); picocli's own parse errors point to
   * --help, and a mistyped option gets picocli's suggestions.
   */
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    // Commands throw plain ParameterExceptions with their whole message; picocli throws subclasses.
    boolean fromParsing = e.getClass() != ParameterException.class;
    String help = " (" + cli.getCommandSpec().qualifiedName() + " --help lists the options)";
    err.println(e.getMessage() + (fromParsing ? help : ""));
    UnmatchedArgumentException.printSuggestions(e, err);
    if (verbose(cli.getParseResult())) e.printStackTrace(err);
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  /** The one line and exit code for anything a command may throw. */
  public static CliFailure classify(Throwable e) {
    if (e instanceof CliFailure f) return f;
    if (e instanceof CatalogException)
      return new CliFailure(ExitCodes.BAD_INPUT, e.getMessage(), e);
    if (e instanceof WorkflowFailedException w) {
      return new CliFailure(
          FailureMessage.exitCode(w),
          "run " + w.getExecution().getWorkflowId() + " failed: " + FailureMessage.of(w),
          e);
    }
    if (e instanceof WorkflowUpdateException u) {
      return new CliFailure(
          ExitCodes.REFUSED,
          "run "
              + u.getExecution().getWorkflowId()
              + " refused "
              + u.GetUpdateName()
              + ": "
              + FailureMessage.of(u),
          e);
    }
    if (e instanceof WorkflowNotFoundException n) {
      return new CliFailure(
          ExitCodes.NOT_FOUND,
          "no running run with id "
              + n.getExecution().getWorkflowId()
              + " (dr status "
              + n.getExecution().getWorkflowId()
              + " shows whether it exists)",
          e);
    }
    if (hasStatus(e, Status.Code.UNAVAILABLE) || hasStatus(e, Status.Code.DEADLINE_EXCEEDED)) {
      return new CliFailure(
          ExitCodes.CANNOT_CONNECT,
          "cannot reach Temporal: " + FailureMessage.of(e) + " (check with: dr doctor)",
          e);
    }
    if (hasStatus(e, Status.Code.RESOURCE_EXHAUSTED)) {
      return new CliFailure(
          ExitCodes.CANNOT_CONNECT,
          "Temporal is too busy to answer: "
              + FailureMessage.of(e)
              + " (a run already started goes on; follow it with dr watch RUN)",
          e);
    }
    if (hasStatus(e, Status.Code.NOT_FOUND))
      return new CliFailure(ExitCodes.NOT_FOUND, FailureMessage.of(e), e);
    // Not one of the kinds above: most likely a bug in dr; --verbose shows where.
    return new CliFailure(
        ExitCodes.RUN_FAILED, "dr failed: " + FailureMessage.of(e) + " (--verbose shows where)", e);
  }

  /** Whether a gRPC status with this code is anywhere in the cause chain. */
  public static boolean hasStatus(Throwable e, Status.Code code) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == code) return true;
    }
    return false;
  }

  /** --verbose is inherited by every subcommand: look for it at each level that was parsed. */
  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VERBOSE)) return true;
    }
    return false;
  }
}
