package dev.drrunbooks.starter.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.runcleanup.RecordedDnsChange;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DNS change a failover recorded, read from its history as dr cleanup lists it. */
class RunFamilyTest {
  private static final DataConverter DATA = DrDataConverter.get();
  private static final DnsRecordSpec RECORD =
      new DnsRecordSpec("mycomputer.com", "api.mycomputer.com", "A", null, null, null);

  @Test
  void aFailoversLastCompletedWeightChangeIsListedWithTheFailbackThatRevertsIt() {
    List<HistoryEvent> events =
        List.of(
            started(Direction.FAILOVER),
            scheduled(5, RunFamily.CHANGE_WEIGHTS, 50, 50),
            completed(5),
            scheduled(9, RunFamily.CHANGE_WEIGHTS, 0, 100),
            completed(9),
            scheduled(
                12,
                RunFamily.CHANGE_WEIGHTS,
                100,
                0)); // never completed: not a change that happened
    assertEquals(
        Optional.of(
            new RecordedDnsChange(
                "dns-1",
                "api",
                "api.mycomputer.com",
                "Primary 0 / Secondary 100",
                "dr failback --service api")),
        RunFamily.lastWeightChange(DATA, "dns-1", events));
  }

  @Test
  void aFailbacksChangeIsRevertedByAFailover() {
    List<HistoryEvent> events =
        List.of(
            started(Direction.FAILBACK),
            scheduled(5, RunFamily.CHANGE_WEIGHTS, 100, 0),
            completed(5));
    assertEquals(
        "dr failover --service api",
        RunFamily.lastWeightChange(DATA, "dns-2", events).orElseThrow().revertCommand());
  }

  @Test
  void noCompletedChangeNoOtherActivityIsAChange() {
    assertEquals(
        Optional.empty(),
        RunFamily.lastWeightChange(
            DATA,
            "dns-3",
            List.of(
                started(Direction.FAILOVER),
                scheduled(5, "Route53ReadWeights", 1, 1),
                completed(5),
                scheduled(7, RunFamily.CHANGE_WEIGHTS, 0, 100))));
  }

  private static HistoryEvent started(Direction direction) {
    return HistoryEvent.newBuilder()
        .setEventId(1)
        .setWorkflowExecutionStartedEventAttributes(
            WorkflowExecutionStartedEventAttributes.newBuilder()
                .setInput(DATA.toPayloads(DnsFailoverInput.of("api", direction)).orElseThrow()))
        .build();
  }

  private static HistoryEvent scheduled(long id, String activity, long primary, long secondary) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setActivityTaskScheduledEventAttributes(
            ActivityTaskScheduledEventAttributes.newBuilder()
                .setActivityType(ActivityType.newBuilder().setName(activity))
                .setInput(DATA.toPayloads(RECORD, primary, secondary).orElseThrow()))
        .build();
  }

  private static HistoryEvent completed(long scheduledId) {
    return HistoryEvent.newBuilder()
        .setEventId(scheduledId + 2)
        .setActivityTaskCompletedEventAttributes(
            ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduledId))
        .build();
  }
}
