package dev.drrunbooks.starter;

import dev.drrunbooks.payload.InvalidInputException;
import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.payload.StrictJsonPayloadConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A workflow input from a JSON file, read exactly as a worker reads a start from the Temporal UI
 * ({@link StrictJsonPayloadConverter#readInput}): the same JSON, the same one-line errors.
 */
public final class InputFile {
  private static final Set<String> NOT_INPUT = Set.of("--input", "--no-wait");

  private InputFile() {}

  /** Flags need {@code --service}; an input file carries its own (the workflow checks it). */
  public static void requireService(CommandSpec spec, Path input, String service) {
    if (input == null && (service == null || service.isBlank())) {
      throw new ParameterException(
          spec.commandLine(),
          "--service is required (a catalog key such as inventory), "
              + "or give the whole input with --input file.json");
    }
  }

  /**
   * The input in {@code file}, refused (a usage error naming both) when a flag that sets an input
   * field was given as well: the file holds the whole input, and merging the two silently would run
   * something else than either says.
   */
  public static <T extends RunInput> T read(CommandSpec spec, Path file, Class<T> type) {
    refuseInputFlags(spec, file);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": permission denied");
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "--input " + file + ": cannot be read: " + e.getMessage());
    }
    try {
      return StrictJsonPayloadConverter.readInput(text.getBytes(StandardCharsets.UTF_8), type);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": " + e.getMessage());
    }
  }

  /**
   * Options that do not set an input field: --input itself, --no-wait, the connection mixin's,
   * inherited ones. Other mixins (a restore's options) do set input fields.
   */
  private static void refuseInputFlags(CommandSpec spec, Path file) {
    Set<String> notInput = new HashSet<>(NOT_INPUT);
    spec.mixins().values().stream()
        .filter(m -> m.userObject() instanceof Connection)
        .forEach(m -> m.options().forEach(o -> notInput.addAll(List.of(o.names()))));
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (o.inherited() || o.usageHelp() || o.versionHelp() || notInput.contains(o.longestName()))
        continue;
      throw new ParameterException(
          spec.commandLine(),
          "--input "
              + file
              + " and "
              + o.longestName()
              + " cannot be combined: the input file holds the whole input");
    }
  }
}
