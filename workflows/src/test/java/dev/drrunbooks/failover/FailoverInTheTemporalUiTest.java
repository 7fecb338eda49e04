package dev.drrunbooks.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.runbook.RunOutcome;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import dev.drrunbooks.runbook.RunSummary;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator sees of a failover in the Temporal UI: while it waits at its gate, current
 * details that say which step, how to answer (the dr command, the update and signal names, the
 * payload), the deadline and the default; a labelled deadline timer; at its end, the outcome and
 * achieved RTO as search attributes.
 */
class FailoverInTheTemporalUiTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(DnsFailoverWorkflowImpl.class);

  private final FakeRegions aws = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void aWaitingGateSaysHowToAnswerItAndTheEndedRunItsOutcome(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    String id = "dns-failover-api-ui";
    String step = DnsFailoverWorkflowImpl.GATE_STEP;
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            RunSummary.of(DnsFailover.PROCEDURE, "inventory", null)
                .on(WorkflowOptions.newBuilder())
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of("inventory", null));
    String details = awaitGateDetails(WorkflowStub.fromTyped(wf));

    for (String expected :
        List.of(
            "**Phase:** approval",
            "**Waiting for:** approval of step `" + step + "` until ",
            "**on timeout:** abort",
            "**Who:** 1 approver (anyone)\n",
            "`dr approve " + id + " --step " + step + " --why REASON`",
            "Update `approve` or `abort` (signals `approveSignal`, `abortSignal`)",
            "`{\"step\": \"" + step + "\", \"who\": \"NAME\", \"why\": \"REASON\"}`"))
      assertTrue(details.contains(expected), expected + " in:\n" + details);

    wf.approve(new Approval(step, "alice", "primary returns 503"));
    WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);

    assertEquals(
        List.of("approval deadline for " + step),
        timerSummaries(client, id),
        "the gate's timer is labelled, not a UUID");
    io.temporal.common.SearchAttributes attributes =
        WorkflowStub.fromTyped(wf).describe().getTypedSearchAttributes();
    assertEquals("SWITCHED", attributes.get(SearchAttributes.OUTCOME));
    assertEquals(Boolean.FALSE, attributes.get(SearchAttributes.RTO_BREACHED));
    assertTrue(attributes.get(SearchAttributes.RTO_SECONDS) >= 0);
    assertEquals(null, attributes.get(SearchAttributes.RPO_SECONDS), "a failover measures no RPO");
    assertEquals("done", attributes.get(SearchAttributes.PHASE));
    Histories.record(client, id, "dns-failover-ui-details");
  }

  @Test
  void aRunCancelledAtItsGateOrFailedEndsWithThatOutcome(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow waiting = start(client, worker, "dns-ui-cancelled", "inventory");
    awaitGateDetails(WorkflowStub.fromTyped(waiting));
    WorkflowStub.fromTyped(waiting).cancel();
    assertThrows(
        WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(waiting).getResult(DnsFailoverResult.class));
    assertEquals("CANCELLED", outcome(waiting));
    String after =
        WorkflowStub.fromTyped(waiting)
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();
    assertTrue(
        after.startsWith("**Phase:** ") && !after.contains("Waiting for"),
        "the gate's part is gone once it stopped waiting: " + after);

    DnsFailoverWorkflow unknown = start(client, worker, "dns-ui-failed", "no-such-service");
    assertThrows(
        WorkflowFailedException.class,
        () -> WorkflowStub.fromTyped(unknown).getResult(DnsFailoverResult.class));
    assertEquals("FAILED", outcome(unknown));
  }

  @Test
  void aResultItsMappingCannotReadLeavesOnlyCompleted() {
    assertEquals(
        RunOutcome.ended("COMPLETED"),
        RunOutcomeInterceptor.outcomeOf(DnsFailover.PROCEDURE, "not a result", "dns-x"));
  }

  private static DnsFailoverWorkflow start(
      WorkflowClient client, Worker worker, String id, String service) {
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of(service, null));
    return wf;
  }

  private static String outcome(DnsFailoverWorkflow wf) {
    return WorkflowStub.fromTyped(wf)
        .describe()
        .getTypedSearchAttributes()
        .get(SearchAttributes.OUTCOME);
  }

  /** Current details as the UI reads them: the SDK's built-in metadata query. */
  private static String awaitGateDetails(WorkflowStub run) {
    String details = "";
    for (int i = 0; i < 200; i++) {
      details =
          run.query("__temporal_workflow_metadata", WorkflowMetadata.class).getCurrentDetails();
      if (details.contains("Waiting for")) return details;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("the run never showed its gate: " + details);
  }

  private static List<String> timerSummaries(WorkflowClient client, String id) {
    return client.fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasTimerStartedEventAttributes)
        .map(
            e ->
                DrDataConverter.get()
                    .fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
