package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
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
 * A restore as the Temporal UI lists it: its long wait labelled with what it waits for, and the
 * achieved RTO and RPO as search attributes the list can sort and filter by.
 */
class PitrInTheTemporalUiTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(PointInTimeRestoreWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  @Test
  void theWaitIsLabelledAndTheAchievedObjectivesAreSearchAttributes(
      WorkflowClient client, Worker worker) {
    String id = "pitr-inventory-ui";
    PointInTimeRestoreWorkflow wf =
        client.newWorkflowStub(
            PointInTimeRestoreWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    PointInTimeRestoreResult result = wf.run(PointInTimeRestoreInput.latest("inventory"));

    assertTrue(
        activitySummaries(client, id)
            .contains("wait until " + result.restoredInstance() + " is available"),
        activitySummaries(client, id).toString());
    io.temporal.common.SearchAttributes attributes =
        WorkflowStub.fromTyped(wf).describe().getTypedSearchAttributes();
    assertEquals("SUCCEEDED", attributes.get(SearchAttributes.OUTCOME));
    assertEquals(
        result.objectives().rto().achieved().toSeconds(),
        attributes.get(SearchAttributes.RTO_SECONDS));
    assertEquals(
        result.objectives().rpo().achieved().toSeconds(),
        attributes.get(SearchAttributes.RPO_SECONDS));
    assertEquals(
        result.objectives().rto().breached(), attributes.get(SearchAttributes.RTO_BREACHED));
    Histories.record(client, id, "pitr-ui-summaries");
  }

  private static List<String> activitySummaries(WorkflowClient client, String id) {
    return client.fetchHistory(id).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(e -> e.getUserMetadata().hasSummary())
        .map(
            e ->
                DrDataConverter.get()
                    .fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
