package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.starter.e2e.CliRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** dr help, list's refusals and the --json flag, checked without a server. */
class OperatorCommandsTest {
  /** Nothing listens on port 1: a command that reached for the server would fail to connect. */
  private static final String[] NO_SERVER = {"--address", "127.0.0.1:1"};

  /**
   * Commands without --json: help and the parents that only print their usage; listed here so a new
   * command has to decide.
   */
  private static final Set<String> WITHOUT_JSON = Set.of("help", "schedules", "incident");

  @Test
  void drHelpListsEveryCommandAndHelpOfOneIsItsUsage() {
    CliRun all = CliRun.of(new String[0], "help");
    assertEquals(0, all.exitCode(), all.toString());
    for (String command : List.of("list", "watch", "cancel", "status", "pitr"))
      assertTrue(all.out().contains("  " + command + " "), command + ": " + all);
    CliRun watch = CliRun.of(new String[0], "help", "watch");
    assertEquals(0, watch.exitCode(), watch.toString());
    assertTrue(watch.out().startsWith("Usage: dr watch"), watch.toString());
    assertTrue(watch.out().contains("RUN"), watch.toString());
  }

  @Test
  void listRefusesAnUnknownProcedureBeforeConnecting() {
    CliRun run = CliRun.of(NO_SERVER, "list", "--procedure", "restore");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .startsWith(
                "--procedure: 'restore' is not a procedure; allowed (key or command):"
                    + " backup-policy, pitr, snapshot-restore (restore-snapshot), "),
        run.toString());
    assertEquals("", run.out());
    assertTrue(run.noStackTrace(), run.toString());
  }

  @Test
  void listRefusesALimitOutOfRangeAndTwoStates() {
    for (String limit : List.of("0", "1001")) {
      CliRun run = CliRun.of(NO_SERVER, "list", "--limit", limit);
      assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
      assertEquals(
          "--limit: " + limit + " is not valid; allowed: 1 to 1000\n", run.err(), run.toString());
    }
    CliRun both = CliRun.of(NO_SERVER, "list", "--running", "--failed");
    assertEquals(ExitCodes.BAD_INPUT, both.exitCode(), both.toString());
    assertTrue(both.err().contains("mutually exclusive"), both.toString());
  }

  /** One of the new commands: they all connect through Connection (each try costs ~6 s). */
  @Test
  void watchWithoutTheServerSaysItCannotConnect() {
    CliRun run = CliRun.of(NO_SERVER, "watch", "pitr-inventory");
    assertEquals(ExitCodes.CANNOT_CONNECT, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("cannot connect to Temporal at 127.0.0.1:1"), run.toString());
    assertTrue(run.noStackTrace(), run.toString());
  }

  @Test
  void everyCommandThatPrintsAResultOrAListTakesJson() {
    Map<String, CommandLine> commands = new java.util.LinkedHashMap<>();
    collect(DrCli.commandLine(), "", commands);
    Set<String> missing = new TreeSet<>();
    commands.forEach(
        (path, cli) -> {
          boolean hasJson = cli.getCommandSpec().findOption("--json") != null;
          if (!hasJson && !WITHOUT_JSON.contains(path)) missing.add(path);
        });
    assertEquals(Set.of(), missing, "commands without --json that are not exempt");
    assertTrue(commands.size() > 30, commands.keySet().toString());
    for (String must :
        List.of("list", "status", "watch", "cancel", "pitr", "approve", "report", "schedules list"))
      assertTrue(commands.get(must).getCommandSpec().findOption("--json") != null, must);
  }

  private static void collect(CommandLine cli, String path, Map<String, CommandLine> into) {
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandName().equals(name)) return; // an alias
              String here = path.isEmpty() ? name : path + " " + name;
              into.put(here, sub);
              collect(sub, here, into);
            });
  }
}
