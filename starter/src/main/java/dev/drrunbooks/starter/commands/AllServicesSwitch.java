package dev.drrunbooks.starter.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --all} on {@code dr validate-backups} and {@code dr drill}: the whole catalog (or {@code
 * --services a,b}) in one fleet run instead of one run. picocli chooses a command by its name, not
 * by its options, so {@link #route} sends {@code validate-backups --all ...} to the fleet's own
 * (hidden) command, {@code drill --all ...} to the fleet drill's, before parsing; this option only
 * documents the switch, and refuses it where routing did not happen.
 */
public final class AllServicesSwitch {
  /** The fleet validation's command, reached through {@code validate-backups --all}. */
  public static final String FLEET_COMMAND = "validate-backups-all";

  /** The fleet drill's command, reached through {@code drill --all}. */
  public static final String FLEET_DRILL_COMMAND = "drill-all";

  /** Each command that takes {@code --all}, and the fleet command it runs then. */
  static final Map<String, String> FLEETS =
      Map.of("validate-backups", FLEET_COMMAND, "drill", FLEET_DRILL_COMMAND);

  static final String ALL = "--all";

  /** Its help line is the command's own ({@code dr.<command>.all}). */
  @Option(names = ALL)
  boolean all;

  /**
   * {@code args} with {@code validate-backups ... --all ...} as {@code validate-backups-all ...}
   * and {@code drill ... --all ...} as {@code drill-all ...}; other arguments unchanged.
   */
  public static String[] route(String... args) {
    int command = commandIndex(args);
    if (command < 0
        || !FLEETS.containsKey(args[command])
        || !List.of(args).subList(command + 1, args.length).contains(ALL)) return args;
    List<String> routed = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (i == command) routed.add(FLEETS.get(args[command]));
      else if (!(i > command && ALL.equals(args[i]))) routed.add(args[i]);
    }
    return routed.toArray(String[]::new);
  }

  /** Refuses {@code --all} where it was not routed to the fleet (a caller that skipped DrCli). */
  void refuseUnrouted(picocli.CommandLine commandLine) {
    if (all)
      throw new picocli.CommandLine.ParameterException(
          commandLine,
          "--all: run through dr (DrCli.execute), which starts the fleet's "
              + FLEETS.get(commandLine.getCommandName()));
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
