package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.e2e.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to any procedure command is refused before the starter connects to Temporal, so no run
 * is created: one line naming the field (the flag, or the {@code --input} file's field), the value
 * and what is allowed, exit 2. The checks are the workflow's own ({@code Procedure#checkStart})
 * against the catalog the starter is given.
 *
 * <p>The starter is pointed at a socket that only listens: a command that tried to start a run
 * would connect to it, and the test would see the connection.
 */
class StartChecksTest {
  private static final String SERVICES = "customer-base, inventory, locations, payments";
  private static final String UNKNOWN =
      ": 'nosuch' is not valid; allowed: " + SERVICES + " (the services in the catalog)";
  private static final String UNKNOWN_OR_ALL =
      ": 'nosuch' is not valid; allowed: " + SERVICES + ", or all (the services in the catalog)";
  private static final String STAGES =
      ": '[10, 150]' is not valid; rising percentages of traffic to the target, each above the"
          + " last, at most 100, ending at 100, e.g. [10, 50, 100]";
  private static final String DURATION =
      ": '15x' is not valid; expected a duration such as 30m, 2h or PT45M";
  private static final String GATE_DEFAULT = ": 'maybe' is not valid; allowed: abort, proceed";
  private static final String INSTANT =
      ": 'yesterday' is not valid; expected an ISO-8601 UTC instant such as 2024-01-15T03:30:00Z";

  @TempDir Path dir;

  /** Where the starter would connect: a socket that listens and never answers. */
  private ServerSocket temporal;

  @BeforeEach
  void listen() throws IOException {
    temporal = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    temporal.close();
  }

  @Test
  void anUnknownServiceIsRefusedByEveryProcedureCommandNamingTheCatalogsServices()
      throws IOException {
    String[] singleService = {
      "pitr",
      "restore-snapshot",
      "validate-backups",
      "recover-ecs",
      "recover-data",
      "failover",
      "failback"
    };
    for (String command : singleService) {
      assertRefused(flags(command, "--service", "nosuch"), "--service" + UNKNOWN);
      assertRefused(file(command, "{\"service\": \"nosuch\"}"), "service (in %s)" + UNKNOWN);
    }
    for (String command : new String[] {"drill", "evacuate"}) {
      assertRefused(
          flags(command, "--service", "inventory", "--service", "nosuch"),
          "--service" + UNKNOWN_OR_ALL);
      assertRefused(
          file(command, "{\"services\": [\"inventory\", \"nosuch\"]}"),
          "services (in %s)" + UNKNOWN_OR_ALL);
    }
    assertRefused(flags("backup-policy", "--service", "nosuch"), "--service" + UNKNOWN_OR_ALL);
    assertRefused(
        flags("incident", "open", "--severity", "P1", "--service", "nosuch", "--summary", "down"),
        "--service" + UNKNOWN);
    assertRefused(
        file(
            "incident",
            "open",
            "{\"severity\": \"P1\", \"services\": [\"nosuch\"], \"summary\": \"down\"}"),
        "services (in %s)" + UNKNOWN);
  }

  @Test
  void aServiceKeyWithCapitalsIsAnUnknownService() {
    assertRefused(
        flags("failover", "--service", "Payments"),
        "--service: 'Payments' is not valid; allowed: " + SERVICES);
  }

  @Test
  void badStagesDurationAndGateDefaultOfAFailoverAreRefused() throws IOException {
    assertRefused(
        flags("failover", "--service", "payments", "--stages", "10,150"), "--stages" + STAGES);
    assertRefused(
        file("failover", "{\"service\": \"payments\", \"stages\": [10, 150]}"),
        "stages (in %s)" + STAGES);
    assertRefused(
        flags("failover", "--service", "payments", "--approval-timeout", "15x"),
        "--approval-timeout" + DURATION);
    assertRefused(
        file("failover", "{\"service\": \"payments\", \"approvalTimeout\": \"15x\"}"),
        "approvalTimeout (in %s)" + DURATION);
    assertRefused(
        flags("failback", "--service", "payments", "--on-approval-timeout", "maybe"),
        "--on-approval-timeout" + GATE_DEFAULT);
    assertRefused(
        file("failback", "{\"service\": \"payments\", \"onApprovalTimeout\": \"maybe\"}"),
        "onApprovalTimeout (in %s)" + GATE_DEFAULT);
  }

  @Test
  void aMalformedRestoreTimeIsRefused() throws IOException {
    assertRefused(
        flags("pitr", "--service", "inventory", "--restore-time", "yesterday"),
        "--restore-time" + INSTANT);
    assertRefused(
        file("pitr", "{\"service\": \"inventory\", \"restoreTime\": \"yesterday\"}"),
        "restoreTime (in %s)" + INSTANT);
  }

  /** Checks that need the service's catalog entry: its kind, its approval policy. */
  @Test
  void whatTheCatalogRulesOutIsRefused() throws IOException {
    assertRefused(
        flags("recover-data", "--service", "locations"),
        "--service: 'locations' is not valid; a service whose catalog entry declares"
            + " database.dataRecovery");
    assertRefused(
        flags("failover", "--service", "payments", "--on-approval-timeout", "proceed"),
        "--on-approval-timeout: 'proceed' is not valid; the catalog's policy for service payments"
            + " is requireApproval: true, approvalTimeout: 15m, onApprovalTimeout: abort");
    assertRefused(
        flags("evacuate", "--service", "payments", "--no-approval"),
        "--no-approval: 'false' is not valid; the catalog's policy for the services evacuated"
            + " (payments) is requireApproval: true");
    assertRefused(
        file("evacuate", "{\"services\": [\"payments\"], \"requireApproval\": false}"),
        "requireApproval (in %s): 'false' is not valid; the catalog's policy");
  }

  @Test
  void otherValuesTheRunWouldRefuseAreRefused() throws IOException {
    assertRefused(
        flags(
            "recover-data", "--service", "inventory", "--corruption-time", "2999-01-01T00:00:00Z"),
        "--corruption-time: '2999-01-01T00:00:00Z' is not valid; must not be in the future");
    assertRefused(
        flags("recover-data", "--service", "inventory", "--batch-size", "0"),
        "--batch-size: '0' is not valid; between 1 and 10000");
    assertRefused(
        flags("recover-ecs", "--service", "inventory", "--region", "mars"),
        "--region: 'mars' is not valid; primary, dr, or an AWS region such as eu-central-1");
    assertRefused(
        file("recover-ecs", "{\"service\": \"inventory\", \"desiredCount\": -1}"),
        "desiredCount (in %s): '-1' is not valid; between 0 and 1000");
    assertRefused(
        flags("drill", "--wait-budget", "soon"),
        "--wait-budget: 'soon' is not valid; expected a duration such as 30m, 2h or PT45M");
    assertRefused(
        flags("validate-backups", "--service", "inventory", "--random-within", "0m"),
        "--random-within: '0m' is not valid; must be longer than zero");
    assertRefused(
        flags("restore-snapshot", "--service", "inventory", "--target-instance", "bad--name"),
        "--target-instance: 'bad--name' is not valid; an RDS identifier");
    assertRefused(
        flags("pitr", "--service", "inventory", "--security-group-ids", "default"),
        "--security-group-ids: 'default' is not valid; a VPC security group id");
    assertRefused(
        file("failover", "{\"service\": \"inventory\", \"probes\": 0}"),
        "probes (in %s): '0' is not valid; between 1 and 20");
    assertRefused(
        flags("backup-policy", "--service", "Inventory DB"),
        "--service: 'Inventory DB' is not valid; allowed: " + SERVICES + ", or all");
    assertRefused(
        flags(
            "incident",
            "open",
            "--severity",
            "P1",
            "--service",
            "inventory",
            "--summary",
            "down",
            "--detected-at",
            "2999-01-01T00:00:00Z"),
        "--detected-at: '2999-01-01T00:00:00Z' is not valid; must not be in the future");
  }

  /**
   * The checks refuse only what the run would: good input goes on to connect (a few commands only:
   * each waits seconds for the connection to fail).
   */
  @Test
  void goodInputPassesTheChecksAndGoesOnToConnect() {
    String[][] good = {
      {
        "pitr", "--service", "locations", "--region", "dr", "--restore-time", "2024-01-15T03:30:00Z"
      },
      {"failover", "--service", "payments", "--stages", "10,50,100", "--approval-timeout", "30m"},
      {"evacuate"}
    };
    for (String[] command : good) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--no-wait", "--catalog", CatalogFixture.path().toString()));
      CliRun run =
          CliRun.of(new String[] {"--address", "127.0.0.1:1"}, args.toArray(String[]::new));
      assertEquals(ExitCodes.CANNOT_CONNECT, run.exitCode(), String.join(" ", command) + run);
    }
  }

  @Test
  void aCatalogThatIsNotThereIsOneLineOfBadInput() {
    Path missing = dir.resolve("catalog.yaml");
    CliRun run =
        CliRun.of(
            new String[] {"--address", address(), "--catalog", missing.toString()},
            "pitr",
            "--service",
            "inventory");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
    assertEquals(
        "cannot check the input: catalog "
            + missing
            + " does not exist (give the catalog the worker runs with: --catalog FILE or"
            + " DR_CATALOG)",
        run.err().strip());
    assertNothingConnected();
  }

  /** A command line: the command and its flags. */
  private record Start(String[] args, Path file) {}

  private static Start flags(String... args) {
    return new Start(args, null);
  }

  /**
   * The command with {@code --input} a file holding {@code json}; the last argument is the JSON.
   */
  private Start file(String... commandAndJson) throws IOException {
    String json = commandAndJson[commandAndJson.length - 1];
    Path file = Files.writeString(Files.createTempFile(dir, "input", ".json"), json);
    List<String> args =
        new ArrayList<>(List.of(commandAndJson).subList(0, commandAndJson.length - 1));
    args.add("--input");
    args.add(file.toString());
    return new Start(args.toArray(String[]::new), file);
  }

  /**
   * Refused as bad input with one line containing {@code message} ({@code %s}: the input file),
   * nothing on stdout, no stack trace, and no connection to Temporal.
   */
  private void assertRefused(Start start, String message) {
    String expected = start.file() == null ? message : String.format(message, start.file());
    CliRun run =
        CliRun.of(
            new String[] {"--address", address(), "--catalog", CatalogFixture.path().toString()},
            start.args());
    String what = String.join(" ", start.args()) + ": " + run;
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), what);
    assertTrue(run.err().contains(expected), "expected '" + expected + "' in " + what);
    assertEquals(1, run.err().strip().lines().count(), "one line: " + what);
    assertTrue(run.noStackTrace(), what);
    assertEquals("", run.out(), what);
    assertFalse(run.err().contains("Started"), what);
    assertNothingConnected();
  }

  private String address() {
    return "127.0.0.1:" + temporal.getLocalPort();
  }

  /** No client connected to where Temporal would be: nothing was started. */
  private void assertNothingConnected() {
    try {
      temporal.setSoTimeout(1);
      assertThrows(SocketTimeoutException.class, () -> temporal.accept().close());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
