package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.e2e.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Errors the starter finds without a server: one line, the exit code of its kind, no stack trace.
 */
class CliErrorsTest {
  /**
   * Nothing listens on port 1: connecting fails at once. The catalog the starter checks inputs
   * against is the project's.
   */
  private static final String[] NO_SERVER = {
    "--address", "127.0.0.1:1", "--catalog", CatalogFixture.path().toString()
  };

  @TempDir Path dir;

  @Test
  void anInputFileHoldingNullIsBadInput() throws IOException {
    Path file = write("null.json", "null");
    CliRun run = CliRun.of(NO_SERVER, "pitr", "--input", file.toString());
    assertBadInput(
        run,
        "--input "
            + file
            + ": input: null is not valid; allowed: a JSON object with fields dbParameterGroup, ");
  }

  @Test
  void aPickTheRunWouldRefuseIsRefusedBeforeAnythingStarts() throws IOException {
    assertBadInput(
        CliRun.of(NO_SERVER, "validate-backups", "--service", "inventory", "--pick", "oldest"),
        "--pick: 'oldest' is not valid; allowed: newest, random");
    Path file = write("pick.json", "{\"service\": \"inventory\", \"pick\": \"oldest\"}");
    assertBadInput(
        CliRun.of(NO_SERVER, "validate-backups", "--input", file.toString()),
        "pick (in " + file + "): 'oldest' is not valid; allowed: newest, random");
  }

  @Test
  void anInputFileHoldingAnArrayOrNothingIsBadInput() throws IOException {
    Path array = write("array.json", "[]");
    assertBadInput(
        CliRun.of(NO_SERVER, "validate-backups", "--input", array.toString()),
        "input: [] is not valid; allowed: a JSON object with fields ");
    Path empty = write("empty.json", "");
    assertBadInput(
        CliRun.of(NO_SERVER, "recover-ecs", "--input", empty.toString()),
        "input: nothing is not valid; allowed: a JSON object with fields ");
  }

  @Test
  void anInputFileIsReadAsTheTemporalUiInputIsRead() throws IOException {
    Path bogus = write("bogus.json", "{\"service\": \"inventory\", \"bogus\": 1}");
    assertBadInput(
        CliRun.of(NO_SERVER, "pitr", "--input", bogus.toString()),
        "--input "
            + bogus
            + ": bogus: unknown field (value 1); allowed fields of PointInTimeRestoreInput:"
            + " dbParameterGroup, dbSubnetGroup, incidentTime, ");
    Path yes = write("yes.json", "{\"service\": \"inventory\", \"keepOnFailure\": \"yes\"}");
    assertBadInput(
        CliRun.of(NO_SERVER, "pitr", "--input", yes.toString()),
        "keepOnFailure: 'yes' is not valid; allowed: true or false");
    Path sideways =
        write("sideways.json", "{\"service\": \"inventory\", \"direction\": \"SIDEWAYS\"}");
    assertBadInput(
        CliRun.of(NO_SERVER, "failover", "--input", sideways.toString()),
        "direction: 'SIDEWAYS' is not valid; allowed: one of FAILOVER, FAILBACK");
  }

  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    List<String[]> commands = new ArrayList<>();
    collect(DrCli.commandLine(), List.of(), commands);
    assertTrue(commands.size() > 30, "all commands and subcommands: " + commands.size());
    for (String[] command : commands) {
      String[] args = Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun run = CliRun.of(new String[0], args);
      assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run);
      // picocli's help command puts a one-line header above its usage.
      assertTrue(
          run.out().lines().anyMatch(l -> l.startsWith("Usage: dr " + String.join(" ", command))),
          String.join(" ", args) + ": " + run);
    }
  }

  private static void collect(CommandLine cli, List<String> path, List<String[]> into) {
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandName().equals(name)) return; // an alias
              List<String> here = new ArrayList<>(path);
              here.add(name);
              into.add(here.toArray(String[]::new));
              collect(sub, here, into);
            });
  }

  @Test
  void anInputFileWithoutAServiceIsRefusedBeforeAnythingStarts() throws IOException {
    for (String command : List.of("pitr", "validate-backups", "restore-snapshot", "recover-ecs")) {
      Path file = write(command + "-nosvc.json", "{}");
      assertBadInput(
          CliRun.of(NO_SERVER, command, "--input", file.toString()),
          "service (in "
              + file
              + "): missing; a catalog service key such as inventory is required");
    }
    Path blank = write("blank.json", "{\"service\": \" \"}");
    assertBadInput(
        CliRun.of(NO_SERVER, "recover-data", "--input", blank.toString()),
        "service (in " + blank + "): missing");
  }

  @Test
  void aMissingInputFileIsBadInput() {
    Path missing = dir.resolve("missing.json");
    assertBadInput(
        CliRun.of(NO_SERVER, "drill", "--input", missing.toString()),
        "--input " + missing + ": no such file");
  }

  @Test
  void anInputFileAndAFlagThatSetsAnInputFieldAreRefused() throws IOException {
    Path file = write("f.json", "{\"service\": \"inventory\"}");
    assertBadInput(
        CliRun.of(NO_SERVER, "pitr", "--input", file.toString(), "--service", "payments"),
        "--input "
            + file
            + " and --service cannot be combined: the input file holds the whole input");
    String[][] starts = {
      {"restore-snapshot", "--copy-to-dr"},
      {"restore-snapshot", "--target-instance", "copy"},
      {"pitr", "--keep-on-failure"},
      {"validate-backups", "--pick", "random"},
      {"failover", "--force"},
      {"failback", "--stages", "50,100"},
      {"recover-ecs", "--region", "dr"},
      {"evacuate", "--no-approval"},
      {"drill", "--wait-budget", "1h"},
      {"recover-data", "--batch-size", "10"},
      {"incident", "open", "--severity", "P1"}
    };
    for (String[] start : starts) {
      String[] args = new String[start.length + 2];
      System.arraycopy(start, 0, args, 0, start.length);
      args[start.length] = "--input";
      args[start.length + 1] = file.toString();
      String flag = start[start[0].equals("incident") ? 2 : 1];
      assertBadInput(
          CliRun.of(NO_SERVER, args), "--input " + file + " and " + flag + " cannot be combined");
    }
  }

  /**
   * Issue 10, finding 10: no flag skips the gate the catalog requires; the emergency override names
   * a person.
   */
  @Test
  void noApprovalPointsToBreakGlassWhichNeedsAPersonAndAReason() {
    assertBadInput(
        CliRun.of(NO_SERVER, "failback", "--service", "inventory", "--no-approval"),
        "--no-approval is not supported: a run cannot skip the approval gate the service's catalog"
            + " policy requires; in an emergency use --break-glass --who NAME --why REASON"
            + " (recorded as break-glass)");
    assertBadInput(
        CliRun.of(
            NO_SERVER, "failover", "--service", "inventory", "--break-glass", "--who", "alice"),
        "--break-glass needs --who NAME and --why REASON");
    assertBadInput(
        CliRun.of(NO_SERVER, "failover", "--service", "inventory", "--who", "alice", "--why", "x"),
        "--who and --why go with --break-glass");
  }

  @Test
  void aConnectionFlagOrNoWaitWithAnInputFileIsNotAConflict() throws IOException {
    Path file = write("f.json", "{\"service\": \"inventory\"}");
    CliRun run =
        CliRun.of(
            NO_SERVER, "pitr", "--input", file.toString(), "--no-wait", "--namespace", "default");
    assertEquals(ExitCodes.CANNOT_CONNECT, run.exitCode(), run.toString());
  }

  @Test
  void anUnknownSeverityIsRefusedBeforeStarting() {
    CliRun run =
        CliRun.of(
            NO_SERVER,
            "incident",
            "open",
            "--severity",
            "P9",
            "--service",
            "inventory",
            "--summary",
            "checkout down");
    assertBadInput(
        run,
        "--severity: 'P9' is not valid; allowed: P1 (complete outage), P2 (partial degradation)");
  }

  @Test
  void aUsageErrorIsOneLineWithoutTheUsageDump() {
    CliRun run = CliRun.of(NO_SERVER, "approve", "some-run", "--step", "evacuate");
    assertBadInput(
        run, "Missing required option: '--why=<why>' (dr approve --help lists the options)");
    assertFalse(run.err().contains("Usage:"), run.toString());
  }

  @Test
  void noServerIsCannotConnectForEveryKindOfCommand() {
    String[][] commands = {
      {"status", "some-run"},
      {"approve", "some-run", "--step", "s", "--who", "w", "--why", "r", "--signal"},
      {"incident", "ack", "incident-x", "--who", "w"},
      {"pitr", "--service", "inventory"},
      {"report", "some-run"},
      {"schedules", "list"}
    };
    for (String[] command : commands) {
      CliRun run = CliRun.of(NO_SERVER, command);
      assertEquals(ExitCodes.CANNOT_CONNECT, run.exitCode(), run.toString());
      assertTrue(run.err().contains("cannot connect to Temporal at 127.0.0.1:1"), run.toString());
      assertTrue(run.noStackTrace(), run.toString());
      assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
    }
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRun run = CliRun.of(NO_SERVER, "status", "some-run", "--verbose");
    assertEquals(ExitCodes.CANNOT_CONNECT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("\tat "), run.toString());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void assertBadInput(CliRun run, String message) {
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains(message), "expected '" + message + "' in:\n" + run);
    assertTrue(run.noStackTrace(), run.toString());
    assertEquals("", run.out(), run.toString());
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
  }
}
