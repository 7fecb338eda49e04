package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentOutcome;
import dev.drrunbooks.incident.IncidentResult;
import dev.drrunbooks.incident.IncidentStatus;
import dev.drrunbooks.model.RejectedSignal;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A bot that can only signal drives an incident on the sandbox's Temporal server: every update's
 * signal twin, sent raw by name with the update's JSON payload, takes effect (an ECS recovery of
 * inventory against the emulator among them), and a refused one shows in the status query with who
 * sent it and why.
 */
@ResourceLock(SandboxLocks.INVENTORY_ECS_SERVICE)
class IncidentSignalsSandboxTest {

  @Test
  void eachSignalTwinSentRawTakesEffectAndARefusedOneShowsInStatusWithItsReason() {
    try (SandboxWorker worker = new SandboxWorker()) {
      EcsClient ecs = worker.aws.ecs("eu-west-1");
      Service before = service(ecs);
      String id = "incident-signals-e2e-" + Long.toString(System.nanoTime(), 36);
      WorkflowStub raw =
          worker
              .client()
              .newUntypedWorkflowStub(
                  "IncidentResponse",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(worker.taskQueue)
                      .setWorkflowId(id)
                      .build());
      try {
        raw.start(IncidentInput.of("P2", List.of("inventory"), "checkout returns 503"));
        raw.signal("acknowledgeSignal", Map.of("who", "pagerbot", "why", "paged by INC-9"));
        raw.signal("noteSignal", Map.of("who", "pagerbot", "text", " ", "kind", "assessment"));
        raw.signal(
            "changeSeveritySignal",
            Map.of("severity", "P1", "who", "pagerbot", "why", "every region affected"));
        raw.signal(
            "noteSignal", Map.of("who", "chatbot", "text", "checkout only", "kind", "assessment"));
        raw.signal(
            "noteSignal",
            Map.of("who", "chatbot", "text", "status page updated", "kind", "communication"));
        raw.signal(
            "recoverSignal",
            Map.of(
                "kind", "ecs", "service", "inventory", "who", "chatbot", "why", "redeploy stable"));
        IncidentStatus recovered =
            await(raw, s -> s.children().size() == 1 && !s.children().get(0).running());
        assertEquals("RECOVERED", recovered.children().get(0).state(), recovered.toString());
        raw.signal("verifySignal", Map.of("who", "chatbot", "why", "smoke tests green"));

        IncidentStatus status = await(raw, s -> s.phase().equals("ready-to-resolve"));
        assertEquals("pagerbot", status.acknowledgedBy());
        assertEquals("P1", status.severity());
        assertEquals(List.of("inventory"), status.verified());
        List<RejectedSignal> rejected = status.rejectedSignals();
        assertEquals(1, rejected.size(), rejected.toString());
        assertEquals("noteSignal", rejected.get(0).signal());
        assertEquals("pagerbot", rejected.get(0).who());
        assertEquals("text: the note is empty", rejected.get(0).reason());
        CliRun shown = CliRun.of(worker.connectionArgs(), "incident", "status", id);
        assertTrue(
            shown.out().contains("rejected signal noteSignal from pagerbot at ")
                && shown.out().contains(": text: the note is empty"),
            shown.toString());

        raw.signal("resolveSignal", Map.of("who", "chatbot", "why", "stable for 15 minutes"));
        IncidentResult result = raw.getResult(20, TimeUnit.SECONDS, IncidentResult.class);
        assertEquals(IncidentOutcome.RESOLVED, result.outcome());
        assertTrue(
            result.timeline().stream()
                .anyMatch(
                    t ->
                        t.step().equals("rejected signal noteSignal from pagerbot")
                            && t.detail().equals("text: the note is empty")),
            result.timeline().toString());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("the incident did not end within 20 s", e);
      } finally {
        ecs.updateService(
            r ->
                r.cluster("mycomputer-production")
                    .service("inventory-service")
                    .taskDefinition(before.taskDefinition())
                    .desiredCount(before.desiredCount()));
      }
    }
  }

  private static IncidentStatus await(WorkflowStub raw, Predicate<IncidentStatus> reached) {
    IncidentStatus last = null;
    for (int i = 0; i < 200; i++) {
      last = raw.query("status", IncidentStatus.class);
      if (reached.test(last)) return last;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("the incident never reached the expected state: " + last);
  }

  private static Service service(EcsClient ecs) {
    return ecs.describeServices(
            r -> r.cluster("mycomputer-production").services("inventory-service"))
        .services()
        .get(0);
  }
}
