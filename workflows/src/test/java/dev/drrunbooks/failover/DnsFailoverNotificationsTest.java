package dev.drrunbooks.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.notify.Notification;
import dev.drrunbooks.activities.notify.NotificationActivities;
import dev.drrunbooks.activities.notify.NotificationKind;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failover run's outbound notifications, with the worker's notification interceptor on: each
 * phase change, the waiting gate (its step, deadline and approvers), and the end last, after
 * everything sent before it; a channel that never accepts costs the run nothing.
 */
class DnsFailoverNotificationsTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.notifying(DnsFailoverWorkflowImpl.class);

  private final FakeRegions aws = new FakeRegions();
  private final Channels channels = new Channels();

  /** Records what it is sent; fails every notification while {@code down}. */
  static final class Channels implements NotificationActivities {
    final List<Notification> sent = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public List<String> send(Notification n) {
      // Non-retryable: the run must not depend on the test server skipping two minutes of
      // retries (it did not always, and the test hung); what a failure costs the run is the same.
      if (down.get())
        throw ApplicationFailure.newNonRetryableFailure(
            "receiver down", "NotificationNotDelivered");
      sent.add(n);
      return List.of("recorded");
    }

    List<NotificationKind> kinds() {
      return sent.stream().map(Notification::kind).toList();
    }
  }

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks(), channels);
    env.start();
  }

  private static DnsFailoverWorkflow start(WorkflowClient client, Worker worker, String id) {
    DnsFailoverWorkflow wf =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(wf::run, DnsFailoverInput.of("inventory", null));
    for (int i = 0; i < 200 && wf.status().waitingFor() == null; i++) sleep();
    assertNotNull(wf.status().waitingFor(), "the run never reached its gate");
    return wf;
  }

  @Test
  void phasesTheGateAndTheEndAreNotifiedInOrderWithTheRunsIdentity(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-notified");
    wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary returns 503"));
    assertEquals(
        FailoverOutcome.SWITCHED,
        WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class).outcome());

    List<NotificationKind> kinds = channels.kinds();
    assertEquals(NotificationKind.RUN_ENDED, kinds.get(kinds.size() - 1), kinds.toString());
    assertEquals(1, kinds.stream().filter(NotificationKind.GATE_WAITING::equals).count());
    assertTrue(
        kinds.indexOf(NotificationKind.PHASE_CHANGED)
            < kinds.indexOf(NotificationKind.GATE_WAITING),
        "a phase change comes before the gate: " + kinds);
    assertFalse(kinds.contains(NotificationKind.OBJECTIVE_BREACHED), kinds.toString());
    assertEquals(
        Set.of(2),
        client.fetchHistory("dns-failover-notified").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
            .filter(a -> a.getActivityType().getName().startsWith("Notify"))
            .map(a -> a.getPriority().getPriorityKey())
            .collect(Collectors.toSet()),
        "notifications go ahead of all but polls (ActivityDefaults.NOTIFICATION_PRIORITY)");

    Notification gate =
        channels.sent.stream()
            .filter(n -> n.kind() == NotificationKind.GATE_WAITING)
            .findFirst()
            .orElseThrow();
    assertEquals("dns-failover-notified", gate.runId());
    assertEquals("dns-failover", gate.procedure());
    assertEquals("inventory", gate.service());
    assertEquals(DnsFailoverWorkflowImpl.GATE_STEP, gate.gate().step());
    assertEquals("abort", gate.gate().onTimeout());
    assertTrue(gate.gate().deadline().isAfter(gate.at()), gate.toString());
    assertTrue(
        gate.detail()
            .contains("dr approve dns-failover-notified --step switch-traffic --why REASON"),
        gate.detail());

    Notification end = channels.sent.get(channels.sent.size() - 1);
    assertEquals("SWITCHED", end.outcome());
    assertEquals(Boolean.TRUE, end.passed());
    assertFalse(end.needsPeople(), end.toString());
    assertTrue(end.alertOpen(), "the gate needed people, so PagerDuty has an alert to resolve");
    assertFalse(gate.alertOpen(), "nothing needed people before the gate");
    Histories.record(client, "dns-failover-notified", "dns-failover-notified");
  }

  @Test
  void anAbortedRunEndsNotPassedAndNeedsPeople(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-notified-abort");
    wf.abort(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "bob", "false alarm"));
    WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);

    Notification end = channels.sent.get(channels.sent.size() - 1);
    assertEquals(NotificationKind.RUN_ENDED, end.kind());
    assertEquals("ABORTED", end.outcome());
    assertEquals(Boolean.FALSE, end.passed());
    assertTrue(end.needsPeople());
  }

  @Test
  void aChannelThatNeverAcceptsCostsTheRunNothing(WorkflowClient client, Worker worker) {
    channels.down.set(true);
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-notify-down");
    wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "go"));

    assertEquals(
        FailoverOutcome.SWITCHED,
        WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class).outcome());
    assertEquals(List.of(), channels.sent);
  }

  @Test
  void aCancelledRunStillSaysItEnded(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf = start(client, worker, "dns-failover-notified-cancel");
    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    stub.cancel();
    try {
      stub.getResult(DnsFailoverResult.class);
    } catch (WorkflowFailedException expected) {
      // cancelled
    }
    Notification end = channels.sent.get(channels.sent.size() - 1);
    assertEquals(NotificationKind.RUN_ENDED, end.kind());
    assertEquals("CANCELLED", end.outcome());
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
