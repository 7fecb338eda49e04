package dev.drrunbooks.starter.commands;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --all} on {@code dr validate-backups}: the whole catalog in one fleet run instead of one
 * service. picocli chooses a command by its name, not by its options, so {@link #route} sends
 * {@code validate-backups --all ...} to the fleet's own (hidden) command before parsing; this
 * option only documents the switch, and refuses it where routing did not happen.
 */
public final class AllServicesSwitch {
  /** The fleet's command, reached through {@code validate-backups --all}. */
  public static final String FLEET_COMMAND = "validate-backups-all";

  static final String COMMAND = "validate-backups";
  static final String ALL = "--all";

  @Option(names = ALL, descriptionKey = "validate-backups.all")
  boolean all;

  /**
   * {@code args} with {@code validate-backups ... --all ...} as {@code validate-backups-all ...};
   * other arguments unchanged.
   */
  public static String[] route(String... args) {
    int command = commandIndex(args);
    if (command < 0
        || !COMMAND.equals(args[command])
        || !List.of(args).subList(command + 1, args.length).contains(ALL)) return args;
    List<String> routed = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (i == command) routed.add(FLEET_COMMAND);
      else if (!(i > command && ALL.equals(args[i]))) routed.add(args[i]);
    }
    return routed.toArray(String[]::new);
  }

  /**
   * Where the command is: the first argument that is not an option ({@code dr --verbose
   * validate-backups ...}); a value such as {@code dr list --procedure validate-backups} is not it.
   */
  private static int commandIndex(String... args) {
    for (int i = 0; i < args.length; i++) if (!args[i].startsWith("-")) return i;
    return -1;
  }
}
