package dev.drrunbooks.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.payload.InvalidInputException;
import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.payload.StrictJsonPayloadConverter;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A workflow input from a procedure command's flags: each option sets the input field its Java
 * field is named after ({@code --restore-time} in {@code String restoreTime} sets {@code
 * restoreTime}), a mixin's options too; an option not given sets nothing. The fields are then read
 * exactly as {@code --input} is ({@link StrictJsonPayloadConverter#readInput}), so one name serves
 * a concept from the flag to the run and no command restates the input's constructor.
 *
 * <p>Options that are not input fields (the connection's, {@code --json}, {@code --input}, {@code
 * --no-wait}, inherited and help options) are passed over; any other option whose field the input
 * lacks is a programming error, refused at once rather than silently dropped.
 */
public final class FlagInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlagInput() {}

  /**
   * @param notInput the classes whose options are not input fields (the command's base class, its
   *     connection and output mixins)
   * @throws IllegalStateException when an option's field is not a field of {@code type}
   * @throws ParameterException when the fields do not read as {@code type}
   */
  public static <T extends RunInput> T read(
      CommandSpec spec, Class<T> type, Set<Class<?>> notInput) {
    Set<String> fields =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toSet());
    ObjectNode given = JSON.createObjectNode();
    for (OptionSpec o : spec.options()) {
      if (o.inherited() || o.usageHelp() || o.versionHelp()) continue;
      if (!(o.userObject() instanceof Field f) || notInput.contains(f.getDeclaringClass()))
        continue;
      if (!fields.contains(f.getName()))
        throw new IllegalStateException(
            o.longestName() + " sets " + f.getName() + ", which " + type.getName() + " lacks");
      Object value = o.getValue();
      if (value != null) given.set(f.getName(), JSON.valueToTree(value));
    }
    try {
      return StrictJsonPayloadConverter.readInput(
          given.toString().getBytes(StandardCharsets.UTF_8), type);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
