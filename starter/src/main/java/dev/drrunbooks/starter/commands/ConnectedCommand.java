package dev.drrunbooks.starter.commands;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.StartCheck;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that reaches Temporal or the catalog ({@link Connection}'s options), answers {@code
 * --json} ({@link JsonOption}) and writes through its own command line ({@code spec}).
 */
abstract class ConnectedCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  /**
   * Starts {@code procedure} for one run subject after refusing here what the run would refuse
   * ({@link StartCheck}: nothing is created), then, unless {@code noWait}, prints the result with
   * {@code print} (given where a person reads it: nowhere with --json, which prints the result
   * itself) and exits with what it returns.
   *
   * @param selector the service (or selection) the run is tagged with
   * @param subject what the run id names after the procedure
   * @param inputFile the --input file the input came from; null: built from flags
   */
  <W, R> int start(
      Procedure<W, R> procedure,
      String selector,
      String subject,
      Object in,
      Path inputFile,
      boolean noWait,
      BiFunction<PrintWriter, R, Integer> print) {
    StartCheck.check(spec, connection, procedure, in, inputFile);
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr(), json.on());
      return runs.start(
          procedure,
          selector,
          subject,
          in,
          noWait,
          r ->
              print.apply(
                  json.on() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut(),
                  r));
    }
  }

  /** A usage error unless the service is named (from the flag or the input file). */
  void requireService(String service) {
    if (service == null || service.isBlank())
      throw new ParameterException(
          spec.commandLine(), "--service is required (a catalog key such as payments)");
  }
}
