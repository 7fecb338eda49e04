package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors about runs, against the sandbox's Temporal server and a real worker: unknown ids, finished
 * runs, failed runs. Each is one line with the exit code of its kind, never a stack trace.
 */
class RunErrorsEndToEndTest {
  private static SandboxWorker worker;

  @BeforeAll
  static void startWorker() {
    worker = new SandboxWorker();
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) worker.close();
  }

  @Test
  void everyCommandOnAnUnknownIdSaysThereIsNoSuchRun() {
    String id = "no-such-run-" + worker.taskQueue;
    String[][] commands = {
      {"approve", id, "--step", "s", "--who", "w", "--why", "r", "--signal"},
      {"approve", id, "--step", "s", "--who", "w", "--why", "r"},
      {"abort", id, "--step", "s", "--who", "w", "--why", "r", "--signal"},
      {"abort", id, "--step", "s", "--who", "w", "--why", "r"},
      {"status", id},
      {"report", id},
      {"restore-point", id, "--at", "2026-01-01T00:00:00Z", "--who", "w", "--why", "r"},
      {"incident", "status", id},
      {"incident", "ack", id, "--who", "w"},
      {"incident", "note", id, "text", "--who", "w"},
      {"watch", id},
      {"cancel", id},
      {"cleanup", id}
    };
    for (String[] command : commands) {
      CliRun run = CliRun.of(worker.connectionArgs(), command);
      assertOneLine(run, ExitCodes.NOT_FOUND, "no run with id " + id);
    }
  }

  /**
   * Bad input gets one line naming the field, the value and what is allowed, exit 2, and no run:
   * the starter checks it as the run would, before it starts one.
   */
  @Test
  void badInputIsRefusedBeforeAnyRunIsCreated() throws Exception {
    String[][] refused = {
      {"pitr", "--service", "nosuch"},
      {"drill", "--service", "nosuch"},
      {"backup-policy", "--service", "nosuch"},
      {"failover", "--service", "payments", "--stages", "10,150"},
      {"failover", "--service", "payments", "--approval-timeout", "15x"},
      {"failover", "--service", "payments", "--on-approval-timeout", "maybe"},
      {"pitr", "--service", "inventory", "--restore-time", "yesterday"}
    };
    String[] messages = {
      "--service: 'nosuch' is not valid; allowed: customer-base, inventory, locations, payments",
      "--service: 'nosuch' is not valid; allowed: customer-base, inventory, locations, payments, or"
          + " all",
      "--service: 'nosuch' is not valid; allowed: customer-base, inventory, locations, payments, or"
          + " all",
      "--stages: '[10, 150]' is not valid; rising percentages of traffic to the target",
      "--approval-timeout: '15x' is not valid; expected a duration such as 30m, 2h or PT45M",
      "--on-approval-timeout: 'maybe' is not valid; allowed: abort, proceed",
      "--restore-time: 'yesterday' is not valid; expected an ISO-8601 UTC instant"
    };
    for (int i = 0; i < refused.length; i++) {
      CliRun run = CliRun.of(worker.connectionArgs(), refused[i]);
      assertOneLine(run, ExitCodes.BAD_INPUT, messages[i]);
      assertFalse(run.out().contains("Started"), run.toString());
    }
    // A start that passes the checks, to see the listing finds what this worker's queue ran.
    CliRun control =
        CliRun.of(worker.connectionArgs(), "backup-policy", "--service", "inventory", "--no-wait");
    Matcher started = Pattern.compile("workflow (\\S+) run").matcher(control.out());
    assertTrue(started.find(), control.toString());
    List<String> ids = List.of();
    for (int i = 0; i < 40 && !ids.contains(started.group(1)); i++) {
      Thread.sleep(250); // visibility lags a start by a moment
      ids =
          worker
              .client()
              .listExecutions("TaskQueue = \"" + worker.taskQueue + "\"")
              .map(e -> e.getExecution().getWorkflowId())
              .toList();
    }
    assertTrue(ids.contains(started.group(1)), "the listing shows the control run: " + ids);
    List<String> created =
        ids.stream()
            .filter(
                id ->
                    Stream.of(
                            "pitr-nosuch-",
                            "dr-drill-nosuch-",
                            "backup-policy-audit-nosuch-",
                            "dns-failover-payments-",
                            "pitr-inventory-")
                        .anyMatch(id::startsWith))
            .toList();
    assertEquals(List.of(), created, "no run was created");
  }

  @Test
  void aRunThatFailsReportsItsReasonAndIsNotSteeredAfterwards() throws IOException {
    // The run refuses a service its worker's catalog lacks: InvalidInput, so bad input. (The
    // starter's catalog has it: otherwise the starter would refuse it before starting a run.)
    CliRun started = CliRun.of(withBillingInCatalog(), "backup-policy", "--service", "billing");
    Matcher m = Pattern.compile("workflow (\\S+) run").matcher(started.out());
    assertTrue(m.find(), started.toString());
    String id = m.group(1);
    assertOneLine(
        started,
        ExitCodes.BAD_INPUT,
        "backup-policy run " + id + " failed: service: 'billing' is not in " + "the catalog");

    CliRun status = CliRun.of(worker.connectionArgs(), "status", id);
    assertEquals(ExitCodes.OK, status.exitCode(), status.toString());
    assertTrue(status.out().contains("FAILED at "), status.toString());
    assertTrue(
        status.out().contains("service: 'billing' is not in the catalog"), status.toString());
    assertTrue(status.noStackTrace(), status.toString());

    String finished = "run " + id + " already finished (FAILED); nothing sent";
    String[][] steering = {
      {"approve", id, "--step", "s", "--who", "w", "--why", "r", "--signal"},
      {"abort", id, "--step", "s", "--who", "w", "--why", "r"},
      {"incident", "ack", id, "--who", "w"}
    };
    for (String[] command : steering) {
      assertOneLine(CliRun.of(worker.connectionArgs(), command), ExitCodes.REFUSED, finished);
    }
  }

  @Test
  void anIncidentThatFailsAtOnceIsNotReportedOpen() throws IOException {
    CliRun run =
        CliRun.of(
            withBillingInCatalog(),
            "incident",
            "open",
            "--severity",
            "P1",
            "--service",
            "billing",
            "--summary",
            "billing is down");
    assertOneLine(
        run, ExitCodes.BAD_INPUT, "failed at once: services: 'billing' is not in the catalog");
    assertFalse(run.out().contains(" open. Next"), run.toString());
  }

  /**
   * The starter's connection flags with a catalog that has a service {@code billing} the worker's
   * catalog lacks: a catalog that changed between the starter and the worker.
   */
  private static String[] withBillingInCatalog() throws IOException {
    String billing =
        """
        services:
          billing:
            displayName: Billing
            priority: Medium
            objectives: { rto: 1h, rpo: 30m }
            database:
              instance: mycomputer-billing-db
              name: billing
              backup: { retentionDays: 30, window: "03:00-04:00", iamDatabaseAuthentication: true }
        """;
    Path catalog = Files.createTempFile("catalog-with-billing", ".yaml");
    catalog.toFile().deleteOnExit();
    Files.writeString(catalog, CatalogFixture.text().replaceFirst("(?m)^services:\\n", billing));
    List<String> args = new ArrayList<>(Arrays.asList(worker.connectionArgs()));
    args.set(args.indexOf("--catalog") + 1, catalog.toString());
    return args.toArray(String[]::new);
  }

  private static void assertOneLine(CliRun run, int exitCode, String message) {
    assertEquals(exitCode, run.exitCode(), run.toString());
    assertTrue(run.err().contains(message), "expected '" + message + "' in:\n" + run);
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
    assertTrue(run.noStackTrace(), run.toString());
  }
}
