package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.starter.ExitCodes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  void aRunThatFailsReportsItsReasonAndIsNotSteeredAfterwards() {
    // The run refuses a service the catalog lacks: InvalidInput, so bad input.
    CliRun started = CliRun.of(worker.connectionArgs(), "backup-policy", "--service", "billing");
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
  void anIncidentThatFailsAtOnceIsNotReportedOpen() {
    CliRun run =
        CliRun.of(
            worker.connectionArgs(),
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

  private static void assertOneLine(CliRun run, int exitCode, String message) {
    assertEquals(exitCode, run.exitCode(), run.toString());
    assertTrue(run.err().contains(message), "expected '" + message + "' in:\n" + run);
    assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
    assertTrue(run.noStackTrace(), run.toString());
  }
}
