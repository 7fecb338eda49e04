package dev.drrunbooks.starter.commands;

import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that starts one procedure on one catalog service, from its flags or from {@code --input
 * file.json} (not both), then waits for the result and prints it, or with {@code --no-wait} prints
 * the run id and link. A subclass says how its flags become the input and how its result is
 * printed.
 *
 * @param <W> the procedure's workflow interface
 * @param <I> its input record
 * @param <R> its result
 */
abstract class ServiceRunCommand<W, I extends RunInput, R> implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory")
  String service;

  @Option(names = "--input", description = "The workflow input as JSON (instead of the flags)")
  Path input;

  @Option(
      names = "--no-wait",
      description = "Print the run id and link, do not wait for the result")
  boolean noWait;

  private final Procedure<W, R> procedure;
  private final Class<I> inputType;
  private final Function<I, String> serviceOf;

  ServiceRunCommand(Procedure<W, R> procedure, Class<I> inputType, Function<I, String> serviceOf) {
    this.procedure = procedure;
    this.inputType = inputType;
    this.serviceOf = serviceOf;
  }

  /** The input the flags describe (called only without {@code --input}). */
  abstract I fromFlags();

  /** Calls the workflow method: {@code workflow.run(in)}. */
  abstract R run(W workflow, I in);

  /** Prints a result the run returned. */
  abstract void print(R result, ResultPrinter print, PrintWriter out);

  /**
   * Refuses, as a usage error before anything starts, what the starter can check of the input; the
   * run checks the rest. {@code source} names where the input came from ({@code --region} or {@code
   * region (in file)}).
   */
  void check(I in) {}

  /** How a message names an input field: the flag, or the field in the {@code --input} file. */
  String source(String flag, String field) {
    return input == null ? flag : field + " (in " + input + ")";
  }

  @Override
  public final Integer call() {
    InputFile.requireService(spec, input, service);
    I in = input != null ? InputFile.read(spec, input, inputType) : fromFlags();
    check(in);
    PrintWriter out = spec.commandLine().getOut();
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, out, spec.commandLine().getErr());
      String key = serviceOf.apply(in);
      return runs.start(
          procedure,
          key,
          key,
          wf -> run(wf, in),
          noWait,
          r -> {
            print(r, new ResultPrinter(out), out);
            return 0;
          });
    }
  }
}
