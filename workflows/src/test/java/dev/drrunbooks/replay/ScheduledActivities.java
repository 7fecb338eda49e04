package dev.drrunbooks.replay;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.List;

/** What a run scheduled, read from its history: to check which activity a versioned step used. */
public final class ScheduledActivities {
  private ScheduledActivities() {}

  /** The activity types the run scheduled, in order (e.g. "EcsPollSteadyOn"), repeats included. */
  public static List<String> of(WorkflowClient client, String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }
}
