package dev.drrunbooks.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.payload.InvalidInputException;
import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.payload.StrictJsonPayloadConverter;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
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
 * <p>A command may also declare its flags as a line ({@link Declared#flags()}): {@code "--pick
 * --random-within --subnet-group=dbSubnetGroup"}. Each flag sets the input field named after it
 * ({@code --random-within} sets {@code randomWithin}) or the one after its {@code =}, with the
 * field's type: a {@code Boolean} is a switch, a {@code List} takes comma-separated values.
 *
 * <p>Options that are not input fields (the connection's, {@code --json}, {@code --input}, {@code
 * --no-wait}, inherited and help options) are passed over; any other option whose field the input
 * lacks is a programming error, refused at once rather than silently dropped.
 */
public final class FlagInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlagInput() {}

  /** A command whose flags are declared as a line of names, each setting a field of its input. */
  public interface Declared {
    /** The run's input record, whose fields the flags set. */
    Class<? extends RunInput> inputType();

    /** The flags, separated by spaces; {@code --flag=field} where the field is named otherwise. */
    String flags();
  }

  /** The input field a declared flag sets: the option's user object. */
  record InputField(String name) {}

  /**
   * Adds the declared flags of every {@link Declared} command under {@code root}, however deep, as
   * options: called once, before parsing.
   *
   * @throws IllegalStateException when a flag names a field its input lacks
   */
  public static void declareAll(CommandLine root) {
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    declare(root, seen);
  }

  private static void declare(CommandLine line, Map<Object, Boolean> seen) {
    if (seen.put(line.getCommand(), true) != null) return; // an alias of one already declared
    if (line.getCommand() instanceof Declared d)
      for (OptionSpec o : options(d.inputType(), d.flags())) line.getCommandSpec().addOption(o);
    for (CommandLine sub : line.getSubcommands().values()) declare(sub, seen);
  }

  /** The options {@code flags} declares on {@code type}'s fields. */
  static List<OptionSpec> options(Class<? extends RunInput> type, String flags) {
    Map<String, RecordComponent> fields =
        Arrays.stream(type.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName, c -> c));
    if (flags.isBlank()) return List.of();
    return Arrays.stream(flags.trim().split("\\s+"))
        .map(
            flag -> {
              String[] named = flag.split("=", 2);
              String field = named.length == 2 ? named[1] : camelCase(named[0]);
              RecordComponent c = fields.get(field);
              if (c == null)
                throw new IllegalStateException(
                    named[0] + " sets " + field + ", which " + type.getName() + " lacks");
              return option(named[0], c);
            })
        .toList();
  }

  private static OptionSpec option(String flag, RecordComponent field) {
    OptionSpec.Builder o =
        OptionSpec.builder(flag)
            .type(field.getType())
            .paramLabel("<" + field.getName() + ">")
            .userObject(new InputField(field.getName()));
    if (field.getType() == Boolean.class) o.arity("0");
    if (field.getGenericType() instanceof ParameterizedType list)
      o.auxiliaryTypes((Class<?>) list.getActualTypeArguments()[0]).splitRegex(",");
    return o.build();
  }

  private static boolean matched(CommandSpec spec, OptionSpec o) {
    CommandLine line = spec.commandLine();
    return line != null
        && line.getParseResult() != null
        && line.getParseResult().hasMatchedOption(o);
  }

  /** {@code --random-within} as {@code randomWithin}. */
  public static String camelCase(String flag) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char ch : flag.replaceFirst("^-+", "").toCharArray()) {
      if (ch == '-') upper = true;
      else {
        name.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return name.toString();
  }

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
      String name;
      if (o.userObject() instanceof InputField declared) name = declared.name();
      else if (o.userObject() instanceof Field f && !notInput.contains(f.getDeclaringClass()))
        name = f.getName();
      else continue;
      if (!fields.contains(name))
        throw new IllegalStateException(
            o.longestName() + " sets " + name + ", which " + type.getName() + " lacks");
      Object value = o.getValue();
      // picocli splits "--services ," into no values: given, but naming nothing, which the input's
      // rules refuse (left out, a selection means every service)
      if (value instanceof List<?> none && none.isEmpty() && matched(spec, o)) value = List.of("");
      if (value != null) given.set(name, JSON.valueToTree(value));
    }
    try {
      return StrictJsonPayloadConverter.readInput(
          given.toString().getBytes(StandardCharsets.UTF_8), type);
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
