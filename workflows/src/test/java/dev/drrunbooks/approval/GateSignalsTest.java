package dev.drrunbooks.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.failover.FailoverStatus;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gate answered by a bot's raw signals: one it cannot take (wrong step, no name) shows in the
 * run's status with who sent it and why, and in the timeline; the run keeps waiting and the next
 * good signal passes the gate.
 */
class GateSignalsTest {
  private static final String STEP = DnsFailoverWorkflowImpl.GATE_STEP;

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
  void aRejectedSignalShowsInStatusWithItsReasonThenAGoodOnePassesTheGate(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    String id = "dns-failover-api-signals";
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of("inventory", null));
    awaitStatus(wf, s -> s.waitingFor() != null);
    WorkflowStub raw = WorkflowStub.fromTyped(wf);

    raw.signal("approveSignal", Map.of("step", "restore-db", "who", "pagerbot", "why", "INC-7"));
    raw.signal("abortSignal", Map.of("step", STEP, "why", "false alarm"));
    List<String> ignored = awaitStatus(wf, s -> s.ignoredAnswers().size() == 2).ignoredAnswers();
    assertTrue(
        ignored
            .get(0)
            .matches(
                "approveSignal from pagerbot at \\S+: step: 'restore-db' is not the step waiting;"
                    + " the run waits at 'switch-traffic'"),
        ignored.get(0));
    assertTrue(
        ignored.get(1).matches("abortSignal at \\S+: who: say who approves or aborts"),
        ignored.get(1));
    assertEquals(STEP, wf.status().waitingFor().step(), "still waiting");
    assertEquals(List.of(), aws.changes, "nothing switched on a rejected signal");

    raw.signal("approveSignal", Map.of("step", STEP, "who", "pagerbot", "why", "P1 INC-7"));
    DnsFailoverResult result = result(raw, DnsFailoverResult.class);
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals("pagerbot", result.approval().who());
    assertEquals("P1 INC-7 (signal)", result.approval().why());
    TimelineEntry wrongStep = step(result, "ignored signal approve");
    assertEquals(Outcome.SKIPPED, wrongStep.outcome());
    assertTrue(
        wrongStep.detail().startsWith("from pagerbot: step: 'restore-db' is not the step waiting"),
        wrongStep.detail());
    assertEquals("who: say who approves or aborts", step(result, "ignored signal abort").detail());
    Histories.record(client, id, "dns-failover-signal-rejected-then-approved");
  }

  private static TimelineEntry step(DnsFailoverResult result, String name) {
    return result.timeline().stream()
        .filter(t -> t.step().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + result.timeline()));
  }

  private static FailoverStatus awaitStatus(
      DnsFailoverWorkflow wf, Predicate<FailoverStatus> reached) {
    FailoverStatus last = null;
    for (int i = 0; i < 200; i++) {
      last = wf.status();
      if (reached.test(last)) return last;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("the run never reached the expected state: " + last);
  }

  /** Bounded, so a run that never ends fails the test instead of hanging it. */
  static <R> R result(WorkflowStub raw, Class<R> type) {
    try {
      return raw.getResult(30, TimeUnit.SECONDS, type);
    } catch (TimeoutException e) {
      throw new AssertionError("the run did not end within 30 s", e);
    }
  }
}
