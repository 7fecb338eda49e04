package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionCancelRequestedEventAttributes;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import org.junit.jupiter.api.Test;

/** Who asked to cancel a run and why, read back from its history. */
class CancelRequestTest {

  @Test
  void theFirstCancelRequestGivesWhoAndWhy() {
    WorkflowExecutionHistory history =
        history(
            started(),
            cancelRequested("dr@ops-host", "the drill is not needed today"),
            cancelRequested("ui", "again"));
    CancelRequest r = CancelRequest.of(history).orElseThrow();
    assertEquals("requested by dr@ops-host: the drill is not needed today", r.describe());
  }

  @Test
  void aRequestWithoutAReasonOrNoRequestAtAll() {
    assertEquals(
        "requested by ui",
        CancelRequest.of(history(started(), cancelRequested("ui", ""))).orElseThrow().describe());
    assertTrue(CancelRequest.of(history(started())).isEmpty());
  }

  private static WorkflowExecutionHistory history(HistoryEvent... events) {
    History.Builder h = History.newBuilder();
    for (HistoryEvent e : events) h.addEvents(e);
    return new WorkflowExecutionHistory(h.build());
  }

  private static HistoryEvent started() {
    return HistoryEvent.newBuilder()
        .setEventId(1)
        .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        .setWorkflowExecutionStartedEventAttributes(
            WorkflowExecutionStartedEventAttributes.getDefaultInstance())
        .build();
  }

  private static HistoryEvent cancelRequested(String identity, String cause) {
    return HistoryEvent.newBuilder()
        .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED)
        .setWorkflowExecutionCancelRequestedEventAttributes(
            WorkflowExecutionCancelRequestedEventAttributes.newBuilder()
                .setIdentity(identity)
                .setCause(cause))
        .build();
  }
}
