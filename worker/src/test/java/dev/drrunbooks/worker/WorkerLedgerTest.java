package dev.drrunbooks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflow;
import dev.drrunbooks.report.RunReport;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The worker serves the evidence ledger's writes: without a ledger they answer "not recorded"; a
 * ledger that cannot be reached at start-up does not stop the worker; a malformed setting does,
 * naming the variable.
 */
class WorkerLedgerTest {
  private static final String QUEUE = "dr-worker-ledger";
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final Catalog catalog = CatalogLoader.load(CatalogFixture.path());
  private final AwsClients aws =
      new AwsClients(URI.create("http://127.0.0.1:1"), AnonymousCredentialsProvider.create());

  @AfterEach
  void close() {
    env.close();
    aws.close();
  }

  private void register(Map<String, String> workerEnv) {
    Worker worker = env.newWorker(QUEUE);
    DrWorker.register(worker, catalog, CatalogFixture.path().toString(), aws, workerEnv);
    env.start();
  }

  @Test
  void aWorkerWithoutALedgerAnswersEveryRunsWriteNotRecorded() throws Exception {
    register(Map.of());

    RecordRunEvidenceWorkflow wf =
        env.getWorkflowClient()
            .newWorkflowStub(
                RecordRunEvidenceWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(QUEUE)
                    .setWorkflowId("ledger-pitr-inventory-1")
                    .build());
    RunReport report = RunReport.builder("pitr-inventory-1", "pitr", "PITR of inventory").build();
    LedgerReceipt receipt =
        CompletableFuture.supplyAsync(
                () ->
                    wf.record(
                        new EndedRunEvidence(
                            "pitr-inventory-1", "run-1", "PointInTimeRestore", report)))
            .get(30, TimeUnit.SECONDS);

    assertFalse(receipt.recorded());
    assertTrue(receipt.detail().contains("DR_LEDGER_JDBC_URL is not set"), receipt.detail());
    assertEquals(
        "no evidence ledger (DR_LEDGER_JDBC_URL unset)", DrWorker.describeLedger(Map.of()));
  }

  @Test
  void aLedgerUnreachableAtStartUpIsNoReasonNotToStart() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Map<String, String> ledger =
        Map.of(
            "DR_LEDGER_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/dr_ledger",
            "DR_LEDGER_USER", "writer",
            "DR_LEDGER_PASSWORD", "s3cret");

    register(ledger); // the migration fails on its own thread, as a warning

    assertEquals(
        "evidence ledger jdbc:postgresql://127.0.0.1:"
            + closed
            + "/dr_ledger as writer (DR_LEDGER_USER)",
        DrWorker.describeLedger(ledger));
  }

  @Test
  void aMalformedLedgerSettingIsRefusedNamingTheVariable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> register(Map.of("DR_LEDGER_JDBC_URL", "postgres://h/dr_ledger")));
    assertTrue(e.getMessage().startsWith("DR_LEDGER_JDBC_URL: "), e.getMessage());
  }
}
