package dev.drrunbooks.starter.cleanup;

import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.runcleanup.EndedRun;
import dev.drrunbooks.runcleanup.RecordedDnsChange;
import dev.drrunbooks.starter.RunLookup;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run and its child runs (and theirs), read from Temporal: each with its run token (first
 * execution run id) and status, and the DNS weight changes their histories recorded. What {@code dr
 * cleanup} needs to prove which resources a run created and to list what it changed.
 *
 * @param runs the run first, then its children breadth first
 * @param dnsChanges the last completed weight change of each failover run among them
 */
public record RunFamily(List<EndedRun> runs, List<RecordedDnsChange> dnsChanges) {
  /** The activity a failover changes weights with ({@code Route53Activities.changeWeights}). */
  static final String CHANGE_WEIGHTS = "Route53ChangeWeights";

  static final String FAILOVER_TYPE = "DnsFailoverWorkflow";

  /**
   * Children of children of children: deeper than any procedure nests (incident, recover-data,
   * pitr).
   */
  private static final int MAX_DEPTH = 4;

  private record Pending(WorkflowExecution execution, int depth) {}

  /** Reads the family of the run {@code root} describes; reads each history once. */
  public static RunFamily read(WorkflowClient client, WorkflowExecutionDescription root) {
    DataConverter data = client.getOptions().getDataConverter();
    List<EndedRun> runs = new ArrayList<>();
    List<RecordedDnsChange> dns = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Deque<Pending> todo = new ArrayDeque<>();
    todo.add(new Pending(root.getExecution(), 0));
    Map<String, WorkflowExecutionDescription> described = new HashMap<>();
    described.put(root.getExecution().getRunId(), root);
    while (!todo.isEmpty()) {
      Pending p = todo.poll();
      WorkflowExecution e = p.execution();
      if (!seen.add(e.getWorkflowId() + "/" + e.getRunId())) continue;
      WorkflowExecutionDescription d =
          described.containsKey(e.getRunId())
              ? described.get(e.getRunId())
              : RunLookup.describe(
                  client.newUntypedWorkflowStub(
                      e.getWorkflowId(), Optional.of(e.getRunId()), Optional.empty()),
                  e.getWorkflowId());
      String firstRun = d.getRawDescription().getWorkflowExecutionInfo().getFirstRunId();
      runs.add(
          new EndedRun(
              e.getWorkflowId(),
              firstRun.isEmpty() ? e.getRunId() : firstRun,
              d.getWorkflowType(),
              RunLookup.state(d.getStatus())));
      List<HistoryEvent> events = client.fetchHistory(e.getWorkflowId(), e.getRunId()).getEvents();
      for (HistoryEvent event : events) {
        if (event.hasChildWorkflowExecutionStartedEventAttributes() && p.depth() < MAX_DEPTH) {
          todo.add(
              new Pending(
                  event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution(),
                  p.depth() + 1));
        }
      }
      if (FAILOVER_TYPE.equals(d.getWorkflowType()))
        lastWeightChange(data, e.getWorkflowId(), events).ifPresent(dns::add);
    }
    return new RunFamily(List.copyOf(runs), List.copyOf(dns));
  }

  /** The failover's last completed weight change, with the command that moves traffic back. */
  static Optional<RecordedDnsChange> lastWeightChange(
      DataConverter data, String workflowId, List<HistoryEvent> events) {
    Map<Long, ActivityTaskScheduledEventAttributes> scheduled = new HashMap<>();
    ActivityTaskScheduledEventAttributes last = null;
    Payloads input = null;
    for (HistoryEvent event : events) {
      if (event.hasWorkflowExecutionStartedEventAttributes()) {
        input = event.getWorkflowExecutionStartedEventAttributes().getInput();
      } else if (event.hasActivityTaskScheduledEventAttributes()
          && CHANGE_WEIGHTS.equals(
              event.getActivityTaskScheduledEventAttributes().getActivityType().getName())) {
        scheduled.put(event.getEventId(), event.getActivityTaskScheduledEventAttributes());
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        ActivityTaskScheduledEventAttributes s =
            scheduled.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
        if (s != null) last = s;
      }
    }
    if (last == null || input == null) return Optional.empty();
    DnsFailoverInput in =
        data.fromPayloads(0, Optional.of(input), DnsFailoverInput.class, DnsFailoverInput.class);
    DnsRecordSpec record =
        data.fromPayloads(
            0, Optional.of(last.getInput()), DnsRecordSpec.class, DnsRecordSpec.class);
    Long primary = data.fromPayloads(1, Optional.of(last.getInput()), Long.class, Long.class);
    Long secondary = data.fromPayloads(2, Optional.of(last.getInput()), Long.class, Long.class);
    String back = in.direction() == Direction.FAILBACK ? "failover" : "failback";
    return Optional.of(
        new RecordedDnsChange(
            workflowId,
            in.service(),
            record.name(),
            "Primary " + primary + " / Secondary " + secondary,
            "dr " + back + " --service " + in.service()));
  }
}
