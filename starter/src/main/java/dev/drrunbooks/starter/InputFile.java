package dev.drrunbooks.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** A workflow input from a JSON file, read strictly: the same JSON an operator would paste into the Temporal UI. */
public final class InputFile {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private InputFile() {}

  /** Flags need {@code --service}; an input file carries its own (the workflow checks it). */
  public static void requireService(CommandSpec spec, Path input, String service) {
    if (input == null && (service == null || service.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--service is required (a catalog key such as inventory), "
          + "or give the whole input with --input file.json");
    }
  }

  public static <T> T read(CommandSpec spec, Path file, Class<T> type) {
    try {
      return JSON.readValue(Files.readString(file), type);
    } catch (UnrecognizedPropertyException e) {
      String allowed = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new ParameterException(spec.commandLine(), "--input " + file + ": unknown field '" + e.getPropertyName()
          + "'; allowed: " + allowed);
    } catch (JsonProcessingException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": not valid JSON for "
          + type.getSimpleName() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": cannot be read: " + e);
    }
  }
}
