package dev.drrunbooks.starter.commands;

import dev.drrunbooks.payload.ServiceInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.InputFile;
import picocli.CommandLine.Option;

/**
 * A {@link RunCommand} on one catalog service: {@code --service} with the flags, or the service in
 * the {@code --input} file; the run id is named after it.
 *
 * @param <I> the procedure's input record
 * @param <R> its result
 */
abstract class ServiceRunCommand<I extends ServiceInput, R> extends RunCommand<I, R> {
  @Option(names = "--service", description = "Catalog service key, e.g. inventory")
  String service;

  ServiceRunCommand(Procedure<?, R> procedure, Class<I> inputType) {
    super(procedure, inputType);
  }

  @Override
  I input() {
    InputFile.requireService(spec, input, service);
    return super.input();
  }

  @Override
  String subject(I in) {
    return in.service();
  }
}
