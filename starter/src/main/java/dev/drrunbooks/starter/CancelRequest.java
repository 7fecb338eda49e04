package dev.drrunbooks.starter;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Optional;

/**
 * Who asked Temporal to cancel a run, and why, as its history keeps it: the
 * WorkflowExecutionCancelRequested event's identity (the client's, {@code dr cancel}'s or the UI's)
 * and cause (the reason the request gave: {@code dr cancel --why}). The run itself never sees
 * either, so this is where an operator's reason is read back.
 *
 * @param identity the requesting client's identity; null when the history names none
 * @param reason the request's reason; null when it gave none
 */
public record CancelRequest(String identity, String reason) {

  /** The first cancel request in {@code history}; empty when nobody asked. */
  public static Optional<CancelRequest> of(WorkflowExecutionHistory history) {
    for (HistoryEvent e : history.getEvents()) {
      if (e.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED) continue;
      var a = e.getWorkflowExecutionCancelRequestedEventAttributes();
      return Optional.of(
          new CancelRequest(blankToNull(a.getIdentity()), blankToNull(a.getCause())));
    }
    return Optional.empty();
  }

  /** "requested by dr@host: not needed" (either part left out when unknown). */
  public String describe() {
    return "requested"
        + (identity == null ? "" : " by " + identity)
        + (reason == null ? "" : ": " + reason);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
