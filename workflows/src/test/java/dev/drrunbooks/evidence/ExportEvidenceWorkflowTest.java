package dev.drrunbooks.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.activities.ledger.LedgerQueryActivities;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.readiness.StepSample;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dr evidence} asks the worker, which reads its ledger. */
class ExportEvidenceWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(ExportEvidenceWorkflowImpl.class);

  private static final AuditedRun DRILL =
      new AuditedRun(
          "dr-drill-inventory-1",
          "dr-drill",
          "DR drill of inventory",
          List.of("inventory"),
          Instant.parse("2026-11-01T10:00:00Z"),
          Instant.parse("2026-11-01T10:40:00Z"),
          "PASSED",
          true,
          false,
          List.of(),
          List.of(),
          null);

  /** A ledger with one drill; without one when {@code configured} is false. */
  static final class Ledger implements LedgerQueryActivities {
    volatile boolean configured = true;
    volatile EvidenceRequest asked;

    @Override
    public List<StepSample> stepSamples(Instant since) {
      return List.of();
    }

    @Override
    public List<LastPassingRun> lastPassing(List<String> procedures) {
      return List.of();
    }

    @Override
    public List<AuditedRun> auditTrail(Instant since, String service) {
      asked = new EvidenceRequest(since, service);
      if (!configured)
        throw ApplicationFailure.newNonRetryableFailure(
            "this worker has no evidence ledger", NO_LEDGER);
      return List.of(DRILL);
    }
  }

  private final Ledger ledger = new Ledger();

  @BeforeEach
  void start(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(ledger);
    env.start();
  }

  private static ExportEvidenceWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        ExportEvidenceWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }

  @Test
  void theTrailComesBackAsTheLedgerHasIt(WorkflowClient client, Worker worker) {
    EvidenceRequest request =
        new EvidenceRequest(Instant.parse("2025-12-01T00:00:00Z"), "inventory");
    assertEquals(List.of(DRILL), stub(client, worker, "dr-evidence-1").export(request));
    assertEquals(request, ledger.asked);
    Histories.record(client, "dr-evidence-1", "export-evidence");
  }

  @Test
  void aWorkerWithoutALedgerSaysSo(WorkflowClient client, Worker worker) {
    ledger.configured = false;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dr-evidence-2")
                    .export(new EvidenceRequest(Instant.parse("2025-12-01T00:00:00Z"), null)));
    assertEquals("this worker has no evidence ledger", Failures.rootMessage(e));
  }
}
