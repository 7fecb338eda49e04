package dev.drrunbooks.starter.commands;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups its subcommands (its verbs): given none, it prints its usage and exits
 * 0. Its verbs are its nested {@code @Command} classes, in the order a line of their names gives
 * (the order help lists them), so the list is not written twice.
 */
public abstract class CommandGroup implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final String verbs;

  /**
   * @param verbs the nested commands' names, separated by spaces, in help's order
   */
  CommandGroup(String verbs) {
    this.verbs = verbs;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * Adds every group's verbs under {@code root}, however deep: called once, before anything else is
   * set on the command line (picocli passes settings only to the subcommands it already has).
   *
   * @throws IllegalStateException when a group's line and its nested commands disagree
   */
  public static void addVerbs(CommandLine root) {
    addVerbs(root, new IdentityHashMap<>());
  }

  private static void addVerbs(CommandLine line, Map<Object, Boolean> seen) {
    if (seen.put(line.getCommand(), true) != null) return; // an alias of one already walked
    if (line.getCommand() instanceof CommandGroup group)
      for (Class<?> verb : group.verbClasses()) line.addSubcommand(new CommandLine(verb));
    for (CommandLine sub : new ArrayList<>(line.getSubcommands().values())) addVerbs(sub, seen);
  }

  /** The nested commands, in the order {@link #verbs} names them. */
  List<Class<?>> verbClasses() {
    Map<String, Class<?>> nested = new LinkedHashMap<>();
    for (Class<?> c : getClass().getDeclaredClasses()) {
      Command command = c.getAnnotation(Command.class);
      if (command != null) nested.put(command.name(), c);
    }
    List<Class<?>> ordered = new ArrayList<>();
    for (String verb : verbs.trim().split("\\s+")) {
      Class<?> c = nested.remove(verb);
      if (c == null)
        throw new IllegalStateException(getClass().getSimpleName() + " has no verb " + verb);
      ordered.add(c);
    }
    if (!nested.isEmpty())
      throw new IllegalStateException(
          getClass().getSimpleName() + " does not list its verbs " + nested.keySet());
    return ordered;
  }
}
