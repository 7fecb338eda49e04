package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.starter.DrCli;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help of every dr command comes from Help.properties, DrCli's resource bundle, and picocli
 * shows nothing where it finds no key: this walks the whole command tree and fails on a command,
 * option or positional parameter without a description (a key misspelt, or left out) and on a key
 * that no command, option or parameter reads (a key misspelt, or left behind).
 */
class HelpDescriptionsTest {
  private static final String BUNDLE = "dev.drrunbooks.starter.Help";

  /**
   * Options that have never had a description; giving them one changes what dr prints, so it is a
   * decision of its own. They must stay without one: an unqualified who, why or service key in the
   * bundle would give them one unnoticed.
   */
  private static final Set<String> UNDESCRIBED =
      Set.of(
          "dr restore-point --who",
          "dr restore-point --why",
          "dr incident ack --who",
          "dr incident severity --who",
          "dr incident severity --why",
          "dr incident note --who",
          "dr incident note TEXT",
          "dr incident recover --service",
          "dr incident recover --who",
          "dr incident recover --why",
          "dr incident verify --who",
          "dr incident verify --why",
          "dr incident resolve --who",
          "dr incident resolve --why");

  @Test
  void everyCommandOptionAndParameterHasADescription() {
    List<String> missing = new ArrayList<>();
    Set<String> undescribed = new TreeSet<>();
    eachCommand(
        spec -> {
          if (blank(spec.usageMessage().description())) missing.add(spec.qualifiedName());
          for (ArgSpec arg : shown(spec)) {
            String name = spec.qualifiedName() + " " + label(arg);
            if (!blank(arg.description())) continue;
            if (UNDESCRIBED.contains(name)) undescribed.add(name);
            else missing.add(name);
          }
        });
    assertEquals(List.of(), missing, "no description: a key in " + BUNDLE + " misspelt or missing");
    assertEquals(
        new TreeSet<>(UNDESCRIBED),
        undescribed,
        "UNDESCRIBED lists an option that is gone or now has a description: take it out");
  }

  @Test
  void everyKeyInTheBundleIsRead() {
    Set<String> keys = ResourceBundle.getBundle(BUNDLE).keySet();
    Set<String> unread = new TreeSet<>(keys);
    eachCommand(
        spec -> {
          String command = spec.qualifiedName(".");
          firstKey(keys, command, List.of("usage.description")).ifPresent(unread::remove);
          for (ArgSpec arg : shown(spec)) {
            String qualifier =
                arg.messages() == null ? command : arg.messages().commandSpec().qualifiedName(".");
            firstKey(keys, qualifier, candidateKeys(arg)).ifPresent(unread::remove);
          }
        });
    assertEquals(Set.of(), unread, "keys in " + BUNDLE + " that nothing reads");
  }

  /** Every command and subcommand, however deep; an alias is not walked twice. */
  private static void eachCommand(Consumer<CommandSpec> check) {
    List<CommandLine> todo = new ArrayList<>(List.of(DrCli.commandLine()));
    while (!todo.isEmpty()) {
      CommandLine cli = todo.remove(todo.size() - 1);
      check.accept(cli.getCommandSpec());
      cli.getSubcommands()
          .forEach(
              (name, sub) -> {
                if (sub.getCommandName().equals(name)) todo.add(sub);
              });
    }
  }

  /** The options and parameters the help shows, but picocli's own --help and --version. */
  private static List<ArgSpec> shown(CommandSpec spec) {
    return spec.args().stream()
        .filter(a -> !a.hidden())
        .filter(a -> !(a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())))
        .toList();
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /**
   * The keys picocli tries for an argument's description, in its order (each first qualified by the
   * command, then alone): its descriptionKey, then each option name without its dashes, or a
   * parameter's LABEL[index].
   */
  private static List<String> candidateKeys(ArgSpec arg) {
    List<String> keys = new ArrayList<>();
    if (arg.descriptionKey() != null && !arg.descriptionKey().isEmpty())
      keys.add(arg.descriptionKey());
    if (arg instanceof OptionSpec o) {
      for (String name : o.names())
        keys.add(name.replaceFirst("^[^\\p{javaJavaIdentifierPart}]+", ""));
    } else {
      PositionalParamSpec p = (PositionalParamSpec) arg;
      keys.add(p.paramLabel() + "[" + p.index() + "]");
    }
    return keys;
  }

  /** The key picocli reads: the first candidate found, qualified by the command before alone. */
  private static Optional<String> firstKey(
      Set<String> keys, String command, List<String> candidates) {
    for (String key : candidates) {
      if (keys.contains(command + "." + key)) return Optional.of(command + "." + key);
      if (keys.contains(key)) return Optional.of(key);
    }
    return Optional.empty();
  }

  private static boolean blank(String[] description) {
    return String.join("", description).isBlank();
  }
}
