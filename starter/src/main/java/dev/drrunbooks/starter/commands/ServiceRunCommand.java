package dev.drrunbooks.starter.commands;

import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.InputFile;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * A {@link RunCommand} on one catalog service: {@code --service} with the flags, or the service in
 * the {@code --input} file; the run id is named after it.
 *
 * @param <W> the procedure's workflow interface
 * @param <I> its input record
 * @param <R> its result
 */
abstract class ServiceRunCommand<W, I extends RunInput, R> extends RunCommand<W, I, R> {
  @Option(names = "--service", description = "Catalog service key, e.g. inventory")
  String service;

  private final Function<I, String> serviceOf;

  ServiceRunCommand(
      Procedure<W, R> procedure,
      Class<I> inputType,
      BiConsumer<W, I> workflowMethod,
      Function<I, String> serviceOf) {
    super(procedure, inputType, workflowMethod);
    this.serviceOf = serviceOf;
  }

  @Override
  I input() {
    InputFile.requireService(spec, input, service);
    return super.input();
  }

  @Override
  String subject(I in) {
    return serviceOf.apply(in);
  }
}
