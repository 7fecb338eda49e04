package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.drrunbooks.model.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.common.SearchAttributesUtil;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunRowTest {
  private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");

  private static RunRow row(String status, String phase, boolean waiting, Instant closed) {
    return new RunRow("id", "run", "pitr", "inventory", status, phase, waiting, T0, closed, 5);
  }

  /** A run as the visibility API lists it (the SDK's own encoding of its search attributes). */
  private static WorkflowExecutionMetadata listed(
      WorkflowExecutionStatus status, String phase, Instant closed) {
    var attributes =
        io.temporal.common.SearchAttributes.newBuilder()
            .set(SearchAttributes.PROCEDURE, "data-recovery")
            .set(SearchAttributes.SERVICE, "inventory")
            .set(SearchAttributes.PHASE, phase)
            .build();
    WorkflowExecutionInfo.Builder info =
        WorkflowExecutionInfo.newBuilder()
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId("wf").setRunId("r1"))
            .setStatus(status)
            .setStartTime(Timestamp.newBuilder().setSeconds(T0.getEpochSecond()))
            .setSearchAttributes(SearchAttributesUtil.encodeTyped(attributes));
    if (closed != null)
      info.setCloseTime(Timestamp.newBuilder().setSeconds(closed.getEpochSecond()));
    return new WorkflowExecutionMetadata(info.build(), DefaultDataConverter.newDefaultInstance());
  }

  @Test
  void aRunningRunAtAGateWaitsAndHasRunUntilNow() {
    RunRow row =
        RunRow.of(
            listed(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, "confirm", null),
            T0.plusSeconds(75));
    assertEquals(
        new RunRow(
            "wf", "r1", "data-recovery", "inventory", "RUNNING", "confirm", true, T0, null, 75),
        row);
  }

  @Test
  void anEndedRunTookUntilItClosedAndWaitsNoMore() {
    RunRow row =
        RunRow.of(
            listed(
                WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
                "confirm",
                T0.plusSeconds(12)),
            T0.plusSeconds(600));
    assertEquals(
        new RunRow(
            "wf",
            "r1",
            "data-recovery",
            "inventory",
            "CANCELED",
            "confirm",
            false,
            T0,
            T0.plusSeconds(12),
            12),
        row);
  }

  @Test
  void theStateColumnSaysWhatARunDoesOrHowItEnded() {
    assertEquals("WAITING at approval", row("RUNNING", "approval", true, null).state());
    assertEquals("RUNNING restore", row("RUNNING", "restore", false, null).state());
    assertEquals("RUNNING", row("RUNNING", null, false, null).state());
    assertEquals("FAILED (cleanup)", row("FAILED", "cleanup", false, T0).state());
    assertEquals("TERMINATED", row("TERMINATED", null, false, T0).state());
  }

  @Test
  void onlyTheGatesPhasesAreWaits() {
    assertEquals(true, GatePhases.waits("approval"));
    assertEquals(true, GatePhases.waits("confirm-replay"));
    assertEquals(false, GatePhases.waits("restore"));
    assertEquals(false, GatePhases.waits(null));
  }
}
