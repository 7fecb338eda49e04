package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflow;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflowImpl;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: every procedure's end writes exactly one run row even when the write activity is
 * retried after it committed. On the sandbox's Temporal server and PostgreSQL, a {@code
 * RecordRunEvidence} run's first attempt commits the write on a worker process that is then killed
 * (SIGKILL) before it reports; Temporal retries the attempt on a second worker after the activity's
 * start-to-close timeout (1 minute), which finds the run already recorded.
 *
 * <p>Why a process of its own, killed: that is what a dead worker is. Inside this JVM, {@code
 * WorkerFactory.shutdownNow()} interrupts the activity's thread but the SDK still reports whatever
 * the activity then returns or throws (a completion or a failure that Temporal would retry at
 * once), and a thread left blocked stays a live worker that reports when released. A killed process
 * reports nothing, heartbeats nothing, and its transaction's commit is the last thing it did, so
 * only the timeout brings the retry, as in production. It lives here, not with the starter's
 * worker-restart tests, because it needs only the workflow and the ledger, not the worker jar.
 */
class LedgerWriteRetriedAfterCommitSandboxTest {
  /** Beyond the write's 1-minute start-to-close, which is what notices the dead worker. */
  private static final Duration RESULT_WITHIN = Duration.ofMinutes(3);

  private final SandboxEnv env = SandboxEnv.get();
  private final String taskQueue = "dr-ledger-retry-" + Long.toString(System.nanoTime(), 36);

  @Test
  void aWriteRetriedAfterItCommittedLeavesOneRunRowAndAnswersAlreadyRecorded() throws Exception {
    SandboxLedger.migrate();
    LedgerSettings settings = SandboxLedger.settings();
    String id = LedgerEvidence.uniqueId("retried");
    EndedRunEvidence run = LedgerEvidence.drill(id);
    WorkflowClient client =
        CommitThenDieWorker.client(
            env.require("TEMPORAL_ADDRESS"), env.get("TEMPORAL_NAMESPACE", "default"));
    WorkerFactory second = null;
    String ledgerRunId = "ledger-" + id;
    try {
      FirstWorker first = startFirstWorker();
      try {
        awaitOutput(first, CommitThenDieWorker.READY, Duration.ofSeconds(60));
        RecordRunEvidenceWorkflow wf =
            client.newWorkflowStub(
                RecordRunEvidenceWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(taskQueue)
                    .setWorkflowId(ledgerRunId)
                    .build());
        WorkflowClient.start(wf::record, run);
        awaitOutput(first, CommitThenDieWorker.COMMITTED, Duration.ofSeconds(60));
        assertEquals(1, SandboxLedger.count("runs", id), "the first attempt committed");
      } finally {
        first.process().destroyForcibly().waitFor(); // SIGKILL
      }

      second = WorkerFactory.newInstance(client);
      Worker worker = second.newWorker(taskQueue);
      worker.registerWorkflowImplementationTypes(RecordRunEvidenceWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new LedgerActivitiesImpl(Optional.of(settings), null));
      second.start();

      LedgerReceipt receipt =
          client
              .newUntypedWorkflowStub(ledgerRunId)
              .getResult(RESULT_WITHIN.toSeconds(), TimeUnit.SECONDS, LedgerReceipt.class);

      assertEquals(new LedgerReceipt(true, "already recorded"), receipt);
      assertTrue(
          completedAttempt(client, ledgerRunId) >= 2,
          "the receipt is the retried attempt's, on the second worker");
      SandboxLedger.assertDrillRecordedOnce(id);
    } finally {
      try {
        WorkflowStub stub = client.newUntypedWorkflowStub(ledgerRunId);
        if (stub.describe().getStatus().name().equals("RUNNING")) stub.terminate("test over");
      } catch (RuntimeException ignored) {
        // never started, or already closed
      }
      if (second != null) {
        second.shutdown();
        second.awaitTermination(10, TimeUnit.SECONDS);
      }
      client.getWorkflowServiceStubs().shutdown();
      SandboxLedger.delete(id);
    }
  }

  /** The killed worker's process and where its output goes. */
  private record FirstWorker(Process process, Path log) {}

  /** {@link CommitThenDieWorker} in a JVM of its own, on this test's class path. */
  private FirstWorker startFirstWorker() throws IOException {
    Path log = Path.of("target", taskQueue + ".log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CommitThenDieWorker.class.getName(),
                taskQueue)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("DR_") || k.startsWith("TEMPORAL_"));
    for (String key :
        List.of(
            "TEMPORAL_ADDRESS",
            "TEMPORAL_NAMESPACE",
            "DR_LEDGER_JDBC_URL",
            "DR_LEDGER_USER",
            "DR_LEDGER_PASSWORD")) {
      pb.environment().put(key, env.require(key));
    }
    return new FirstWorker(pb.start(), log);
  }

  private static void awaitOutput(FirstWorker worker, String line, Duration timeout)
      throws Exception {
    Path log = worker.log();
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      if (out.contains(line)) return;
      if (!worker.process().isAlive()) throw new AssertionError("the first worker exited:\n" + out);
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the first worker never printed '" + line + "':\n" + Files.readString(log));
  }

  /** The attempt of the ledger write that completed, from the run's history. */
  private static int completedAttempt(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    assertTrue(
        events.stream().anyMatch(HistoryEvent::hasActivityTaskCompletedEventAttributes),
        "the write completed");
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .max()
        .orElse(0);
  }
}
