package dev.drrunbooks.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A workflow input from a JSON file, read strictly: the same JSON an operator would paste into the Temporal UI. */
public final class InputFile {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private static final Set<String> NOT_INPUT = Set.of("--input", "--no-wait");

  private InputFile() {}

  /** Flags need {@code --service}; an input file carries its own (the workflow checks it). */
  public static void requireService(CommandSpec spec, Path input, String service) {
    if (input == null && (service == null || service.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--service is required (a catalog key such as inventory), "
          + "or give the whole input with --input file.json");
    }
  }

  /**
   * The input in {@code file}, refused (a usage error naming both) when a flag that sets an input field was
   * given as well: the file holds the whole input, and merging the two silently would run something else
   * than either says.
   */
  public static <T> T read(CommandSpec spec, Path file, Class<T> type) {
    refuseInputFlags(spec, file);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": permission denied");
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": cannot be read: " + e.getMessage());
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new ParameterException(spec.commandLine(), "--input " + file + ": the input must be a JSON object "
            + "such as {\"service\": \"inventory\"}; found " + describe(node));
      }
      return JSON.treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      String allowed = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new ParameterException(spec.commandLine(), "--input " + file + ": unknown field '" + e.getPropertyName()
          + "'; allowed: " + allowed);
    } catch (JsonProcessingException e) {
      throw new ParameterException(spec.commandLine(), "--input " + file + ": not valid JSON for "
          + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  /** Options that do not set an input field: --input itself, --no-wait, the connection mixin's, inherited ones. */
  private static void refuseInputFlags(CommandSpec spec, Path file) {
    Set<String> notInput = new HashSet<>(NOT_INPUT);
    spec.mixins().values().forEach(m -> m.options().forEach(o -> notInput.addAll(List.of(o.names()))));
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (o.inherited() || o.usageHelp() || o.versionHelp() || notInput.contains(o.longestName())) continue;
      throw new ParameterException(spec.commandLine(), "--input " + file + " and " + o.longestName()
          + " cannot be combined: the input file holds the whole input");
    }
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "an empty file";
    if (node.isNull()) return "null";
    if (node.isArray()) return "an array";
    return "a " + node.getNodeType().name().toLowerCase() + " (" + node + ")";
  }
}
