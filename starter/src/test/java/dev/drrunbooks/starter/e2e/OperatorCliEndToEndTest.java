package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.OperatorIdentity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What operators and bots reach for, through the starter on the sandbox: {@code dr list} with each
 * filter, {@code --json} that parses, run ids by unique prefix, {@code dr watch} of a run to its
 * end and {@code dr cancel} of a run waiting at a gate, on two point-in-time restores and one data
 * recovery.
 */
@ResourceLock(SandboxLocks.RUN_LISTINGS)
class OperatorCliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker();
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  private static CliRun dr(String... args) {
    return CliRun.of(worker.connectionArgs(), args);
  }

  /** Stdout as JSON documents, one per line; fails when a line is not JSON. */
  private static List<JsonNode> jsonLines(CliRun run) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    for (String line : run.out().split("\n")) if (!line.isBlank()) docs.add(JSON.readTree(line));
    return docs;
  }

  private static List<String> ids(CliRun list) throws Exception {
    assertEquals(0, list.exitCode(), list.toString());
    return jsonLines(list).stream().map(r -> r.get("workflowId").asText()).toList();
  }

  @Test
  void listStatusAndResultsAsJsonAndRunsByPrefix() throws Exception {
    CliRun pitr = dr("pitr", "--service", "inventory", "--restore-time", "latest", "--json");
    assertEquals(0, pitr.exitCode(), pitr.toString());
    JsonNode result = JSON.readTree(pitr.out());
    String id = result.get("workflowId").asText();
    assertTrue(id.startsWith("pitr-inventory-"), pitr.toString());
    assertTrue(result.get("result").get("restoredInstance").asText().startsWith("pitr-"));
    assertTrue(pitr.err().contains("Started pitr: workflow " + id), "people read stderr");
    CliRun second =
        dr("pitr", "--service", "inventory", "--restore-time", "latest", "--no-wait", "--json");
    assertEquals(0, second.exitCode(), second.toString());
    String secondId = JSON.readTree(second.out()).get("workflowId").asText();

    String prefix = id.substring(0, id.length() - 1);
    CliRun status = dr("status", prefix, "--json");
    assertEquals(0, status.exitCode(), status.toString());
    JsonNode s = JSON.readTree(status.out());
    assertEquals(id, s.get("workflowId").asText(), "the unique prefix named the run");
    assertEquals("COMPLETED", s.get("state").asText());
    assertEquals("pitr", s.get("procedure").asText());
    assertTrue(
        s.get("outcome").asText().startsWith("SUCCEEDED: "),
        "a completed run says what it achieved, not only that it completed: " + s);
    CliRun human = dr("status", id);
    assertTrue(
        human.out().contains("COMPLETED at ") && human.out().contains(": SUCCEEDED: "),
        human.out());

    CliRun ambiguous = dr("status", "pitr-inventory-");
    assertEquals(ExitCodes.BAD_INPUT, ambiguous.exitCode(), ambiguous.toString());
    assertTrue(ambiguous.err().contains(id) && ambiguous.err().contains(secondId), ambiguous.err());
    CliRun none = dr("report", "pitr-nowhere-");
    assertEquals(ExitCodes.NOT_FOUND, none.exitCode(), none.toString());
    assertTrue(
        none.err().startsWith("no run with id pitr-nowhere- (nor one whose id"), none.toString());

    List<String> pitrs = ids(dr("list", "--procedure", "pitr", "--service", "inventory", "--json"));
    assertTrue(pitrs.containsAll(List.of(id, secondId)), pitrs.toString());
    assertEquals(secondId, pitrs.get(0), "newest first");
    assertFalse(ids(dr("list", "--service", "orders", "--json")).contains(id));
    CliRun table = dr("list", "--procedure", "pitr", "--limit", "2");
    assertTrue(table.out().startsWith("ID "), table.toString());
    assertTrue(table.out().contains(secondId), table.toString());
    assertTrue(table.out().contains(id), "the newest two, running or not: " + table);
    // Leave no run behind on this worker's task queue.
    worker.client().newUntypedWorkflowStub(secondId).getResult(1, TimeUnit.MINUTES, Object.class);
  }

  @Test
  void aRunWaitingAtItsGateIsListedWatchedAndCancelledWithItsCleanup() throws Exception {
    Instant corruption = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    Instant before = Instant.now();
    // Started as an operator would, waiting for the result: it prints its progress meanwhile.
    CompletableFuture<CliRun> starting =
        CompletableFuture.supplyAsync(
            () ->
                dr(
                    "recover-data",
                    "--service",
                    "inventory",
                    "--corruption-time",
                    corruption.toString()));
    String id = waitingSince(before);
    assertTrue(ids(dr("list", "--waiting", "--json")).contains(id), "waits at its gate");
    assertTrue(ids(dr("list", "--running", "--procedure", "recover-data", "--json")).contains(id));
    assertFalse(ids(dr("list", "--failed", "--json")).contains(id));
    List<JsonNode> rows = jsonLines(dr("list", "--procedure", "data-recovery", "--json"));
    JsonNode row =
        rows.stream()
            .filter(r -> r.get("workflowId").asText().equals(id))
            .findFirst()
            .orElseThrow();
    assertEquals("confirm", row.get("phase").asText());
    assertTrue(row.get("waiting").asBoolean(), row.toString());

    CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() -> dr("watch", id));
    Thread.sleep(1500); // the watch sees the wait before the cancellation
    CliRun cancel = dr("cancel", id.substring(0, id.length() - 2), "--why", "e2e: not needed");
    assertEquals(0, cancel.exitCode(), cancel.toString());
    assertTrue(cancel.out().contains("Cancellation of " + id + " requested: e2e: not needed"));
    assertTrue(
        cancel.out().contains("Clean-up that followed:\n  nothing to undo"), cancel.toString());
    assertTrue(cancel.out().contains(id + " ended CANCELED at "), cancel.toString());

    CliRun watched = watch.get(1, TimeUnit.MINUTES);
    assertEquals(ExitCodes.RUN_FAILED, watched.exitCode(), watched.toString());
    assertTrue(watched.out().contains("phase: confirm"), watched.toString());
    assertTrue(watched.out().contains(" SUCCEEDED describe "), watched.toString());
    assertTrue(watched.out().contains(id + " ended CANCELED at "), watched.toString());
    assertTrue(
        watched.out().contains(": e2e: not needed)"),
        "the reason dr cancel --why gave: " + watched);
    assertTrue(
        watched.out().contains("(requested by operator:"),
        "who: the operator's identity, as dr approve records it: " + watched);
    CliRun status = dr("status", id);
    assertTrue(status.out().contains("e2e: not needed"), "dr status too: " + status);
    assertTrue(watched.out().endsWith("Report: dr report " + id + "\n"), watched.toString());

    CliRun start = starting.get(1, TimeUnit.MINUTES);
    assertEquals(ExitCodes.RUN_FAILED, start.exitCode(), start.toString());
    assertTrue(start.out().contains("\n  phase: confirm\n"), "progress while waiting: " + start);
    assertTrue(start.err().contains(id + " failed: cancelled"), start.toString());

    CliRun again = dr("cancel", id);
    assertEquals(ExitCodes.REFUSED, again.exitCode(), again.toString());
    assertEquals(
        "refused: run " + id + " already ended (CANCELED); nothing to cancel\n", again.err());
  }

  /**
   * A new user cancelled a data recovery at its replay gate and found the recovered copy still up:
   * now the cancel's clean-up deletes it, and the family's clean-up finds nothing left.
   */
  @Test
  void aDataRecoveryCancelledAfterItsRestoreDeletesTheRecoveredCopy() throws Exception {
    Instant corruption = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    Instant before = Instant.now();
    CompletableFuture<CliRun> starting =
        CompletableFuture.supplyAsync(
            () ->
                dr(
                    "recover-data",
                    "--service",
                    "inventory",
                    "--corruption-time",
                    corruption.toString()));
    String id = waitingSince(before);
    CliRun confirmed =
        dr("approve", id, "--step", "confirm-restore-point", "--why", "e2e: the time is right");
    assertEquals(0, confirmed.exitCode(), confirmed.toString());
    awaitPhase(id, "confirm-replay");

    CliRun cancel = dr("cancel", id, "--why", "e2e: replay by hand");
    assertEquals(0, cancel.exitCode(), cancel.toString());
    String copy = (id + "-pitr-pitr").toLowerCase(java.util.Locale.ROOT); // RDS ids are lowercase
    assertTrue(
        cancel.out().contains("clean up rds:" + copy) && cancel.out().contains("deleting"),
        cancel.toString());
    assertEquals(ExitCodes.RUN_FAILED, starting.get(1, TimeUnit.MINUTES).exitCode());

    CliRun leftovers = dr("cleanup", id + "-pitr");
    assertEquals(0, leftovers.exitCode(), leftovers.toString());
    assertFalse(leftovers.out().contains("WOULD_DELETE"), leftovers.toString());

    // The cancelled run's evidence keeps who confirmed its restore point, as dr approve sent it.
    assertEquals(new LedgerReceipt(true, "recorded"), LedgerRows.receipt(worker.client(), id));
    String operator = OperatorIdentity.current("dr approve").identity();
    assertEquals(
        List.of("confirm-restore-point APPROVED " + operator + " true dr approve (update)"),
        LedgerRows.approvals(id));
    // Not --service: a run that ended without a result names no service in the ledger.
    CliRun evidence = dr("evidence", "--since", "1d", "--format", "json");
    assertEquals(0, evidence.exitCode(), evidence.toString());
    JsonNode run =
        jsonLines(evidence).stream()
            .filter(r -> r.get("workflowId").asText().equals(id))
            .findFirst()
            .orElseThrow(() -> new AssertionError(id + " is not in " + evidence));
    assertEquals("CANCELLED", run.get("outcome").asText());
    JsonNode approval = run.get("approvals").get(0);
    assertEquals(operator, approval.get("who").asText());
    assertTrue(approval.get("verified").asBoolean());
    assertEquals("e2e: the time is right", approval.get("why").asText());
  }

  /** Waits until run {@code id}'s phase (as dr list shows it) is {@code phase}. */
  private static void awaitPhase(String id, String phase) throws Exception {
    Instant until = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(until)) {
      for (JsonNode row : jsonLines(dr("list", "--running", "--json")))
        if (row.get("workflowId").asText().equals(id) && phase.equals(row.get("phase").asText()))
          return;
      Thread.sleep(500);
    }
    throw new AssertionError(id + " never reached phase " + phase);
  }

  /** The data recovery started after {@code before} that waits at its gate, found by dr list. */
  private static String waitingSince(Instant before) throws Exception {
    Instant until = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(until)) {
      for (JsonNode row :
          jsonLines(dr("list", "--waiting", "--procedure", "recover-data", "--json"))) {
        if (!Instant.parse(row.get("started").asText()).isBefore(before))
          return row.get("workflowId").asText();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no data recovery waits at its gate");
  }
}
