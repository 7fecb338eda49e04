package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.bootstrap.codec.AesGcmCodec;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentOutcome;
import dev.drrunbooks.incident.IncidentResult;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Histories hold no clear text with payload encryption on (the sandbox's key, as its worker runs):
 * an incident is opened, acknowledged, annotated, verified with evidence and resolved by an
 * operator answering with the approver header; its history, fetched raw from the server without any
 * codec, contains none of the summary, note, evidence, actor or reasons, and every payload in it
 * outside the search attributes is {@code binary/encrypted}, while the same payloads decoded with
 * the key hold them all (so the check looks where they are).
 */
class EncryptedHistorySandboxTest {

  @Test
  void anIncidentsNotesActorsAndEvidenceAreNotInItsRawHistory() throws Exception {
    PayloadEncryption encryption = PayloadEncryption.fromEnvironment(SandboxEnv.get().all());
    assertTrue(
        encryption.on(), "the sandbox's env file names no payload key: " + encryption.describe());
    String m = Long.toString(System.nanoTime(), 36);
    String actor = "operator:sre-actor-" + m;
    Map<String, String> secrets =
        Map.of(
            "summary", "summary-" + m + " checkout returns 503",
            "note", "note-" + m + " replica lag 4s on mycomputer-inventory-db",
            "evidence", "evidence-" + m + " row checksum 9f2c matches the snapshot",
            "actor", actor,
            "reason", "reason-" + m + " stable for 15 minutes");
    try (SandboxWorker worker = new SandboxWorker(Map.of(), encryption)) {
      String id = "incident-encrypted-e2e-" + m;
      WorkflowStub started =
          worker
              .client()
              .newUntypedWorkflowStub(
                  "IncidentResponse",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(worker.taskQueue)
                      .setWorkflowId(id)
                      .build());
      started.start(IncidentInput.of("P2", List.of("inventory"), secrets.get("summary")));
      WorkflowClient operator =
          WorkflowClient.newInstance(
              worker.client().getWorkflowServiceStubs(),
              DrClientOptions.answeringAs(
                  worker.client().getOptions(), new Approver(actor, "dr incident")));
      WorkflowStub run = operator.newUntypedWorkflowStub(id);
      run.signal("acknowledgeSignal", Map.of("who", actor, "why", secrets.get("reason")));
      run.signal(
          "noteSignal", Map.of("who", actor, "text", secrets.get("note"), "kind", "assessment"));
      run.signal("verifySignal", Map.of("who", actor, "why", secrets.get("evidence")));
      run.signal(
          "resolveSignal", Map.of("who", actor, "why", secrets.get("reason"), "force", true));
      IncidentResult result = started.getResult(30, TimeUnit.SECONDS, IncidentResult.class);
      assertEquals(IncidentOutcome.RESOLVED, result.outcome(), result.toString());

      History history = rawHistory(worker.client().getWorkflowServiceStubs(), id);
      String wire = history.toByteString().toString(StandardCharsets.ISO_8859_1);
      List<Payload> payloads = new ArrayList<>();
      collectPayloads(history, payloads);
      StringBuilder decoded = new StringBuilder();
      for (Payload p : encryption.codec().orElseThrow().decode(payloads))
        decoded.append(p.getData().toStringUtf8()).append('\n');

      assertTrue(payloads.size() > 10, "payloads found: " + payloads.size());
      for (Payload p : payloads)
        assertTrue(AesGcmCodec.isEncrypted(p), "a payload in the history is not encrypted: " + p);
      secrets.forEach(
          (what, text) -> {
            assertFalse(wire.contains(text), "the " + what + " is in the raw history: " + text);
            assertTrue(
                decoded.toString().contains(text),
                "the " + what + " is not in the decoded payloads either, so the check is blind");
          });
      assertFalse(wire.contains("sre-actor-" + m), "the actor is in the raw history");
    }
  }

  /** The whole history as the server stores it: no data converter, no codec. */
  static History rawHistory(WorkflowServiceStubs stubs, String workflowId) {
    History.Builder all = History.newBuilder();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse r =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(SandboxEnv.get().get("TEMPORAL_NAMESPACE", "default"))
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .setNextPageToken(page)
                      .build());
      all.addAllEvents(r.getHistory().getEventsList());
      page = r.getNextPageToken();
    } while (!page.isEmpty());
    return all.build();
  }

  /**
   * Every payload in {@code m}, however deep, except search attributes (plain by design, for
   * visibility queries) and version markers.
   */
  static void collectPayloads(Message m, List<Payload> out) {
    if (m instanceof Payload p) {
      out.add(p);
      return;
    }
    if (m instanceof SearchAttributes) return;
    // Workflow.getVersion's markers: the SDK writes their change ids with its standard converter
    // (names of code changes, no run data).
    if (m instanceof MarkerRecordedEventAttributes marker
        && marker.getMarkerName().equals("Version")) return;
    for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
      if (f.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) continue;
      if (f.getKey().isRepeated()) {
        for (Object o : (List<?>) f.getValue()) collectPayloads((Message) o, out);
      } else {
        collectPayloads((Message) f.getValue(), out);
      }
    }
  }
}
