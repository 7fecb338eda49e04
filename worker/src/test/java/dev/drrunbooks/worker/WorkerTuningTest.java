package dev.drrunbooks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerTuningTest {

  @Test
  void defaultsWhenNothingIsSet() {
    WorkerTuning t = WorkerTuning.from(Map.of());
    assertEquals(
        new WorkerTuning(
            WorkerTuning.DEFAULT_WORKFLOW_CACHE_SIZE,
            WorkerTuning.DEFAULT_WORKFLOW_THREADS,
            WorkerTuning.DEFAULT_WORKFLOW_TASK_SLOTS,
            WorkerTuning.DEFAULT_ACTIVITY_SLOTS,
            WorkerTuning.DEFAULT_LOCAL_ACTIVITY_SLOTS,
            WorkerTuning.DEFAULT_WORKFLOW_POLLERS,
            WorkerTuning.DEFAULT_ACTIVITY_POLLERS),
        t);
    assertEquals(t, WorkerTuning.defaults());
    // The point of the defaults: far fewer workflow threads than the SDK's 600.
    assertTrue(t.workflowThreads() < 100, "workflow threads " + t.workflowThreads());
  }

  @Test
  void everyVariableIsRead() {
    WorkerTuning t =
        WorkerTuning.from(
            Map.of(
                "DR_WORKFLOW_CACHE_SIZE", "10",
                "DR_WORKFLOW_THREADS", " 20 ",
                "DR_WORKFLOW_TASK_SLOTS", "3",
                "DR_ACTIVITY_SLOTS", "7",
                "DR_LOCAL_ACTIVITY_SLOTS", "5",
                "DR_WORKFLOW_POLLERS", "4",
                "DR_ACTIVITY_POLLERS", "1"));
    assertEquals(new WorkerTuning(10, 20, 3, 7, 5, 4, 1), t);
  }

  @Test
  void aBlankValueIsTheDefault() {
    assertEquals(
        WorkerTuning.DEFAULT_ACTIVITY_SLOTS,
        WorkerTuning.from(Map.of("DR_ACTIVITY_SLOTS", "  ")).activitySlots());
  }

  @Test
  void aCacheOfZeroTurnsStickyExecutionOff() {
    assertEquals(0, WorkerTuning.from(Map.of("DR_WORKFLOW_CACHE_SIZE", "0")).workflowCacheSize());
  }

  @ParameterizedTest
  @CsvSource({
    "DR_WORKFLOW_CACHE_SIZE, -1, 'a whole number from 0 to 10000 (default 8)'",
    "DR_WORKFLOW_THREADS, many, 'a whole number from 1 to 10000 (default 16)'",
    "DR_WORKFLOW_TASK_SLOTS, 0, 'a whole number from 1 to 10000 (default 8)'",
    "DR_ACTIVITY_SLOTS, 2.5, 'a whole number from 1 to 10000 (default 8)'",
    "DR_LOCAL_ACTIVITY_SLOTS, 10001, 'a whole number from 1 to 10000 (default 2)'",
    "DR_WORKFLOW_POLLERS, 0, 'a whole number from 1 to 10000 (default 4)'",
    "DR_ACTIVITY_POLLERS, 99999999999, 'a whole number from 1 to 10000 (default 4)'",
  })
  void aBadValueIsRefusedNamingVariableValueAndWhatIsAllowed(
      String variable, String value, String allowed) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WorkerTuning.from(Map.of(variable, value)));
    assertEquals(variable + ": '" + value + "' is not allowed: " + allowed, e.getMessage());
  }

  @Test
  void fewerWorkflowThreadsThanCachedWorkflowsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WorkerTuning.from(
                    Map.of("DR_WORKFLOW_CACHE_SIZE", "100", "DR_WORKFLOW_THREADS", "50")));
    assertEquals(
        "DR_WORKFLOW_THREADS: 50 is below DR_WORKFLOW_CACHE_SIZE (100): allowed: at least the cache"
            + " size, since every cached workflow keeps a thread",
        e.getMessage());
  }

  @Test
  void theWorkerConfigRefusesABadTuningVariableToo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkerConfig.from(Map.of("DR_ACTIVITY_SLOTS", "lots")));
    assertTrue(e.getMessage().startsWith("DR_ACTIVITY_SLOTS: 'lots'"), e.getMessage());
  }

  @Test
  void theSdkGetsWhatWasAskedFor() {
    WorkerTuning t = new WorkerTuning(10, 20, 3, 7, 5, 4, 1);
    WorkerFactoryOptions factory =
        t.applyTo(WorkerFactoryOptions.newBuilder()).validateAndBuildWithDefaults();
    assertEquals(10, factory.getWorkflowCacheSize());
    assertEquals(20, factory.getMaxWorkflowThreadCount());

    WorkerOptions worker =
        WorkerOptions.newBuilder(t.workerOptions()).validateAndBuildWithDefaults();
    CompositeTuner tuner = (CompositeTuner) worker.getWorkerTuner();
    assertEquals(3, tuner.getWorkflowTaskSlotSupplier().getMaximumSlots().orElseThrow());
    assertEquals(7, tuner.getActivityTaskSlotSupplier().getMaximumSlots().orElseThrow());
    assertEquals(5, tuner.getLocalActivitySlotSupplier().getMaximumSlots().orElseThrow());
    PollerBehaviorAutoscaling workflowPollers =
        (PollerBehaviorAutoscaling) worker.getWorkflowTaskPollersBehavior();
    assertEquals(1, workflowPollers.getMinConcurrentTaskPollers());
    assertEquals(4, workflowPollers.getMaxConcurrentTaskPollers());
    assertEquals(2, workflowPollers.getInitialConcurrentTaskPollers());
    PollerBehaviorAutoscaling activityPollers =
        (PollerBehaviorAutoscaling) worker.getActivityTaskPollersBehavior();
    assertEquals(1, activityPollers.getMaxConcurrentTaskPollers());
    assertEquals(1, activityPollers.getInitialConcurrentTaskPollers());
  }

  @Test
  void theStartUpLineSaysEveryNumber() {
    assertEquals(
        "workflow cache 10, workflow threads 20, slots: workflow tasks 3, activities 7, local"
            + " activities 5; pollers at most: workflow 4, activity 1",
        new WorkerTuning(10, 20, 3, 7, 5, 4, 1).describe());
  }
}
