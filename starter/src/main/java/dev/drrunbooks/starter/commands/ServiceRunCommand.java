package dev.drrunbooks.starter.commands;

import dev.drrunbooks.payload.ServiceInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.InputFile;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A {@link RunCommand} on one catalog service: {@code --service} with the flags, or the service in
 * the {@code --input} file; the run id is named after it.
 *
 * @param <I> the procedure's input record
 * @param <R> its result
 */
abstract class ServiceRunCommand<I extends ServiceInput, R> extends RunCommand<I, R> {
  @Option(names = "--service", descriptionKey = "catalog-service")
  String service;

  /** {@code flags} as {@link RunCommand#RunCommand(Procedure, Class, String)} takes them. */
  ServiceRunCommand(Procedure<?, R> procedure, Class<I> inputType, String flags) {
    super(procedure, inputType, flags);
  }

  /** The input, refused (a usage error) when it names no service: the flags' or the file's. */
  @Override
  I input() {
    InputFile.requireService(spec, input, service);
    I in = super.input();
    if (in.service() == null || in.service().isBlank())
      throw new ParameterException(
          spec.commandLine(),
          "service (in "
              + input
              + "): missing; a catalog service key such as inventory is required");
    return in;
  }

  @Override
  String subject(I in) {
    return in.service();
  }
}
