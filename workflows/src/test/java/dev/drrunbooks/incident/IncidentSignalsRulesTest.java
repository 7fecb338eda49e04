package dev.drrunbooks.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.drrunbooks.model.RejectedSignal;
import dev.drrunbooks.model.RejectedSignals;
import dev.drrunbooks.model.Timeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link IncidentSignals}' rules, driven in a workflow of its own (it keeps workflow time): a
 * signal before the incident is open waits and is taken in order; an unreadable payload, the
 * validator's refusal, a handler's ApplicationFailure and a run that does not take signals are each
 * recorded with who and why, and never thrown.
 */
class IncidentSignalsRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the probe saw: the calls into validator and handler, in order, and the refusals. */
  public record Probe(List<String> calls, List<RejectedSignal> rejected, List<String> timeline) {}

  @WorkflowInterface
  public interface SignalsProbe {
    @WorkflowMethod
    Probe run(boolean takesSignals);
  }

  public static class SignalsProbeImpl implements SignalsProbe {
    @Override
    public Probe run(boolean takesSignals) {
      IncidentState s =
          IncidentState.opening(
              "incident-probe",
              Severity.P2,
              List.of("inventory"),
              "x",
              Instant.parse("2026-12-01T10:00:00Z"),
              "alert");
      s.opened = true;
      s.takesSignals = takesSignals;
      List<String> calls = new ArrayList<>();
      IncidentSignals signals = new IncidentSignals();
      signals.receive(
          "noteSignal",
          json("{\"who\": \"early\", \"text\": \"first\"}"),
          IncidentNote.class,
          n -> calls.add("validate " + n.text()),
          n -> calls.add("apply " + n.text()));
      calls.add("open");
      signals.open(s);
      signals.receive(
          "noteSignal",
          null,
          IncidentNote.class,
          n -> calls.add("validate " + n),
          n -> calls.add("apply " + n));
      signals.receive(
          "noteSignal",
          NullNode.getInstance(),
          IncidentNote.class,
          n -> calls.add("validate " + n),
          n -> calls.add("apply " + n));
      signals.receive(
          "noteSignal",
          json("{\"who\": \"bot\", \"text\": \"t\", \"bogus\": 1}"),
          IncidentNote.class,
          n -> calls.add("validate bogus"),
          n -> calls.add("apply bogus"));
      signals.receive(
          "noteSignal",
          json("{\"who\": 5, \"text\": [1]}"),
          IncidentNote.class,
          n -> calls.add("validate array"),
          n -> calls.add("apply array"));
      signals.receive(
          "noteSignal",
          json("{\"who\": \"bot\", \"text\": \" \"}"),
          IncidentNote.class,
          n -> {
            calls.add("validate blank");
            throw new IllegalArgumentException("text: the note is empty");
          },
          n -> calls.add("apply blank"));
      signals.receive(
          "recoverSignal",
          json("{\"who\": \"bot\", \"kind\": \"ecs\", \"service\": \"inventory\", \"why\": \"w\"}"),
          RecoveryRequest.class,
          r -> calls.add("validate " + r.kind()),
          r -> {
            calls.add("apply " + r.kind());
            throw ApplicationFailure.newFailure("could not start x: taken", "RecoveryNotStarted");
          });
      return new Probe(
          calls,
          s.rejectedSignals.all(),
          new Timeline(s.timeline)
              .entries().stream()
                  .map(t -> t.step() + " | " + t.outcome() + " | " + t.detail())
                  .toList());
    }
  }

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SignalsProbeImpl.class)
          .build();

  @Test
  void eachSignalIsTakenInOrderOrRecordedWithWhoAndWhy(WorkflowClient client, Worker worker) {
    Probe p = probe(client, worker, true);
    assertEquals(
        List.of(
            "open",
            "validate first",
            "apply first",
            "validate null",
            "apply null",
            "validate null",
            "apply null",
            "validate blank",
            "validate ecs",
            "apply ecs"),
        p.calls());
    List<String> rejected = p.rejected().stream().map(r -> r.signal() + " " + r.who()).toList();
    assertEquals(
        List.of("noteSignal bot", "noteSignal null", "noteSignal bot", "recoverSignal bot"),
        rejected);
    assertEquals(
        "bogus: unknown field (value 1); allowed fields of IncidentNote: kind, text, who",
        p.rejected().get(0).reason());
    assertEquals("text: the note is empty", p.rejected().get(2).reason());
    assertEquals("could not start x: taken", p.rejected().get(3).reason());
    assertEquals(
        "rejected signal noteSignal from bot | SKIPPED | text: the note is empty",
        p.timeline().get(2));
    assertEquals(
        "rejected signal noteSignal | SKIPPED | " + p.rejected().get(1).reason(),
        p.timeline().get(1));
  }

  @Test
  void aRunThatDoesNotTakeSignalsRefusesThemNamingTheUpdate(WorkflowClient client, Worker worker) {
    Probe p = probe(client, worker, false);
    assertEquals(List.of("open"), p.calls(), "nothing validated, nothing applied");
    assertEquals(7, p.rejected().size());
    assertEquals("early", p.rejected().get(0).who());
    assertEquals(
        "this incident was opened before it took signals; send the update 'note' instead",
        p.rejected().get(0).reason());
    assertEquals(
        "this incident was opened before it took signals; send the update 'recover' instead",
        p.rejected().get(6).reason());
  }

  @Test
  void theLatestTenAreKeptOldestFirst() {
    RejectedSignals kept = new RejectedSignals();
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    IntStream.range(0, 12)
        .forEach(i -> kept.add(new RejectedSignal("noteSignal", "bot" + i, at, "r")));
    assertEquals(RejectedSignals.MAX, kept.all().size());
    assertEquals("bot2", kept.all().get(0).who());
    assertEquals("bot11", kept.all().get(9).who());
    assertEquals("noteSignal from bot2 at 2026-12-01T10:00:00Z: r", kept.all().get(0).line());
    assertEquals(
        "abortSignal at 2026-12-01T10:00:00Z: why: give a reason",
        new RejectedSignal("abortSignal", null, at, "why: give a reason").line());
  }

  private static Probe probe(WorkflowClient client, Worker worker, boolean takesSignals) {
    SignalsProbe probe =
        client.newWorkflowStub(
            SignalsProbe.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                // A probe that throws from a signal fails its workflow task again and again:
                // bounded.
                .setWorkflowRunTimeout(Duration.ofSeconds(30))
                .build());
    return probe.run(takesSignals);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
