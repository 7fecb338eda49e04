package dev.drrunbooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeline query: the run's first timeline answers it, while running and after the run failed
 * (a worker replays the closed run's history to answer), and a second timeline does not take it
 * over.
 */
class TimelineQueryTest {
  @WorkflowInterface
  public interface TwoTimelines {
    @WorkflowMethod
    void run(boolean fail);
  }

  public static class TwoTimelinesImpl implements TwoTimelines {
    private final Timeline timeline = new Timeline();

    @Override
    public void run(boolean fail) {
      timeline.record("first", Timeline.now(), Outcome.SUCCEEDED, "kept");
      Timeline perService = new Timeline();
      perService.record("per service", Timeline.now(), Outcome.SUCCEEDED, "not the run's");
      Workflow.sleep(Duration.ofMinutes(1));
      timeline.record("clean up rds:x", Timeline.now(), Outcome.COMPENSATED, "deleting");
      if (fail) throw ApplicationFailure.newNonRetryableFailure("boom", "StepFailed");
    }
  }

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(TwoTimelinesImpl.class)
          .build();

  @Test
  void aFailedRunStillAnswersWithEveryStepItRecorded(WorkflowClient client, Worker worker) {
    WorkflowStub run =
        client.newUntypedWorkflowStub(
            "TwoTimelines",
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("timeline-1")
                .build());
    run.start(true);
    assertThrows(WorkflowFailedException.class, () -> run.getResult(Void.class));

    List<TimelineEntry> steps = Arrays.asList(run.query(TimelineQuery.NAME, TimelineEntry[].class));
    assertEquals(
        List.of("first", "clean up rds:x"), steps.stream().map(TimelineEntry::step).toList());
    assertEquals(Outcome.COMPENSATED, steps.get(1).outcome());
  }

  @Test
  void entriesAreACopy() {
    Timeline outsideAWorkflow = new Timeline();
    outsideAWorkflow.entries();
    assertThrows(UnsupportedOperationException.class, () -> outsideAWorkflow.entries().add(null));
  }
}
