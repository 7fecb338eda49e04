package dev.drrunbooks.starter.commands;

import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.FlagInput;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.StartCheck;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * A command that starts one run of a procedure, from its flags or from {@code --input file.json}
 * (not both), checked as the run would check it ({@link StartCheck}), then waits for the result and
 * prints it, or with {@code --no-wait} prints the run id and link. A subclass says how its flags
 * become the input, what the run id is named after, and how the result is printed.
 *
 * @param <I> the procedure's input record
 * @param <R> its result
 */
abstract class RunCommand<I extends RunInput, R> extends ConnectedCommand
    implements FlagInput.Declared {
  @Option(names = "--input", descriptionKey = "run.input", paramLabel = "FILE")
  Path input;

  @Option(names = "--no-wait")
  boolean noWait;

  /** Where the options that are not input fields are declared. */
  private static final Set<Class<?>> NOT_INPUT =
      Set.of(RunCommand.class, Connection.class, JsonOption.class, AllServicesSwitch.class);

  private final Procedure<?, R> procedure;
  private final Class<I> inputType;
  private final String flags;

  /** A command whose flags are all annotated fields. */
  RunCommand(Procedure<?, R> procedure, Class<I> inputType) {
    this(procedure, inputType, "");
  }

  /**
   * @param inputType the procedure's {@link Procedure#inputType()}, stated again for the type
   * @param flags the flags that set input fields besides the annotated ones ({@link
   *     FlagInput.Declared#flags()})
   * @throws IllegalStateException when it is not
   */
  RunCommand(Procedure<?, R> procedure, Class<I> inputType, String flags) {
    if (procedure.inputType() != inputType)
      throw new IllegalStateException(
          procedure.key() + " takes " + procedure.inputType().getName() + ", not " + inputType);
    this.procedure = procedure;
    this.inputType = inputType;
    this.flags = flags;
  }

  @Override
  public Class<I> inputType() {
    return inputType;
  }

  @Override
  public String flags() {
    return flags;
  }

  /**
   * The input the flags describe (called only without {@code --input}): each option sets the input
   * field it is named after ({@link FlagInput}). A command whose flags do not map one to one (a
   * negated flag) overrides this.
   */
  I fromFlags() {
    return FlagInput.read(spec, inputType, NOT_INPUT);
  }

  /**
   * What the run id is named after and the run's service search attribute: a service, or services
   * joined by {@code -}.
   */
  abstract String subject(I in);

  /** Prints a result the run returned; returns the exit code. */
  abstract int print(R result, ResultPrinter print, PrintWriter out);

  /** Prints what the user should know before the command waits (e.g. the run's gates). */
  void beforeWaiting(PrintWriter out) {}

  /** The input: the {@code --input} file's, or the flags'. */
  I input() {
    return input != null ? InputFile.read(spec, input, inputType) : fromFlags();
  }

  /** {@code services} joined by {@code -}, or {@code whenNone} when there are none. */
  static String joined(List<String> services, String whenNone) {
    return services == null || services.isEmpty() ? whenNone : String.join("-", services);
  }

  @Override
  public final Integer call() {
    I in = input();
    // What the run would refuse is refused here, before connecting: no run is created.
    StartCheck.check(spec, connection, procedure, in, input);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Under --json the result is printed as JSON by the starter; the tables go nowhere.
    PrintWriter tables = json.on() ? new PrintWriter(Writer.nullWriter()) : out;
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, out, err, json.on());
      if (!noWait) beforeWaiting(json.humanOut(out, err));
      String subject = subject(in);
      return runs.start(
          procedure,
          subject,
          subject,
          in,
          noWait,
          r -> print(r, new ResultPrinter(tables), tables));
    }
  }
}
