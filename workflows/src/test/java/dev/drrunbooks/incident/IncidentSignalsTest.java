package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentResponseWorkflowTest.awaitStatus;
import static dev.drrunbooks.incident.IncidentResponseWorkflowTest.phase;
import static dev.drrunbooks.incident.IncidentResponseWorkflowTest.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflowImpl;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.incident.IncidentResponseWorkflowTest.FakeEscalations;
import dev.drrunbooks.incident.IncidentResponseWorkflowTest.FakeReports;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RejectedSignal;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each update's signal twin, sent raw by name as a bot sends it: taken exactly as the update when
 * its validator accepts it, recorded with who, when and why in the status and the timeline when
 * not, and never failing the run.
 */
class IncidentSignalsTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          IncidentResponseWorkflowImpl.class, EcsServiceRecoveryWorkflowImpl.class);

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(
        new FakeCatalog(),
        new FakeEscalations(),
        new FakeReports(),
        new FakeEcs(),
        new FakeLocks());
    env.start();
  }

  @Test
  void anIncidentDrivenOnlyBySignalsIsResolvedAndEachRefusalShowsWithItsReason(
      WorkflowClient client, Worker worker) {
    String id = "incident-signals";
    WorkflowStub raw =
        client.newUntypedWorkflowStub(
            "IncidentResponse",
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    // In the run's first workflow task, before its state exists: taken once the incident is open.
    raw.signalWithStart(
        "acknowledgeSignal",
        new Object[] {Map.of("who", "pagerbot", "why", "paged by INC-7")},
        new Object[] {IncidentInput.of("P2", List.of("inventory"), "checkout returns 503")});
    IncidentResponseWorkflow wf = client.newWorkflowStub(IncidentResponseWorkflow.class, id);
    IncidentStatus acked = awaitStatus(wf, s -> "pagerbot".equals(s.acknowledgedBy()));
    assertEquals("assessment", acked.phase());

    raw.signal("acknowledgeSignal", Map.of("who", "chatbot", "why", "me too"));
    raw.signal("changeSeveritySignal", Map.of("severity", "SEV1", "who", "pagerbot", "why", "x"));
    raw.signal(
        "changeSeveritySignal", Map.of("severity", "P1", "who", "pagerbot", "why", "all regions"));
    raw.signal("noteSignal", Map.of("who", "chatbot", "text", "checkout only", "kind", "guess"));
    raw.signal("noteSignal", Map.of("who", "chatbot", "text", "status page", "bogus", 1));
    raw.signal(
        "noteSignal", Map.of("who", "chatbot", "text", "checkout only", "kind", "assessment"));
    raw.signal(
        "verifySignal", Map.of("who", "chatbot", "why", "green", "services", List.of("payments")));
    raw.signal(
        "recoverSignal",
        Map.of("kind", "reboot", "service", "inventory", "who", "chatbot", "why", "x"));
    raw.signal(
        "recoverSignal",
        Map.of("kind", "ecs", "service", "inventory", "who", "chatbot", "why", "redeploy stable"));
    IncidentStatus recovered =
        awaitStatus(wf, s -> s.children().size() == 1 && !s.children().get(0).running());
    assertEquals(
        "id-incident-signals-ecs-inventory", "id-" + recovered.children().get(0).workflowId());
    assertEquals("RECOVERED", recovered.children().get(0).state());
    assertEquals("chatbot", recovered.children().get(0).startedBy());
    raw.signal("resolveSignal", Map.of("who", "chatbot", "why", "stable"));
    raw.signal("verifySignal", Map.of("who", "chatbot", "why", "smoke tests green"));
    raw.signal("resolveSignal");

    IncidentStatus status = awaitStatus(wf, s -> s.rejectedSignals().size() == 8);
    assertEquals("P1", status.severity());
    assertEquals("done", phase(status, "assessment").state());
    assertEquals(List.of("inventory"), status.verified());
    assertEquals("communication", status.phase(), "no communication note was sent");
    List<RejectedSignal> rejected = status.rejectedSignals();
    assertRejected(
        rejected.get(0), "acknowledgeSignal", "chatbot", "already acknowledged by pagerbot");
    assertRejected(
        rejected.get(1), "changeSeveritySignal", "pagerbot", "severity: 'SEV1' is not valid");
    assertRejected(
        rejected.get(2),
        "noteSignal",
        "chatbot",
        "kind: 'guess' is not valid; allowed: note, assessment, communication, recovery");
    assertRejected(rejected.get(3), "noteSignal", "chatbot", "bogus: unknown field (value 1)");
    assertRejected(
        rejected.get(4),
        "verifySignal",
        "chatbot",
        "services: 'payments' is not affected by this incident; affected: inventory");
    assertRejected(
        rejected.get(5), "recoverSignal", "chatbot", "kind: 'reboot' is not valid; allowed: ");
    assertRejected(
        rejected.get(6), "resolveSignal", "chatbot", "cannot resolve: not verified: inventory");
    assertRejected(rejected.get(7), "resolveSignal", null, "who: say who resolves");

    raw.signal("resolveSignal", Map.of("who", "chatbot", "why", "stable for 15 minutes"));
    IncidentResult result = result(raw, IncidentResult.class);
    assertEquals(IncidentOutcome.RESOLVED, result.outcome());
    assertEquals("P1", result.severity());
    assertEquals("paged by INC-7", step(result, "acknowledged by pagerbot").detail());
    assertTrue(
        step(result, "rejected signal resolveSignal from chatbot")
            .detail()
            .startsWith("cannot resolve: not verified: inventory"));
    assertEquals(
        Outcome.SKIPPED,
        step(result, "rejected signal resolveSignal").outcome(),
        "no who: no from");
    assertEquals(
        8, result.timeline().stream().filter(t -> t.step().startsWith("rejected signal ")).count());
    Histories.record(client, id, "incident-driven-by-signals");
  }

  static void assertRejected(RejectedSignal r, String signal, String who, String reason) {
    assertEquals(signal, r.signal(), r.toString());
    if (who == null) assertNull(r.who(), r.toString());
    else assertEquals(who, r.who(), r.toString());
    assertTrue(r.reason().startsWith(reason), r.reason());
    assertTrue(r.at() != null, r.toString());
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
