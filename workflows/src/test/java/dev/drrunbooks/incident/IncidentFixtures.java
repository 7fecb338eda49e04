package dev.drrunbooks.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.testing.FakeCatalog;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Incident states and payloads for tests that run without a Temporal server. Catalog entries and
 * child results are read from JSON through the workers' data converter, so these tests do not break
 * when another field is added to those records.
 */
final class IncidentFixtures {
  static final DataConverter CONVERTER = DrDataConverter.get();
  static final Instant DETECTED = Instant.parse("2026-11-30T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private IncidentFixtures() {}

  static ServiceDefinition service(String key) {
    return new FakeCatalog().resolveServices(key).get(0);
  }

  /**
   * The catalog's entry for {@code key} with its JSON changed by {@code edit} (e.g. a section
   * removed).
   */
  static ServiceDefinition service(String key, Consumer<ObjectNode> edit) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(json(service(key)));
      edit.accept(node);
      return read(JSON.writeValueAsString(node), ServiceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(Object value) {
    return CONVERTER.toPayload(value).orElseThrow().getData().toStringUtf8();
  }

  static <T> T read(String json, Class<T> type) {
    Payload p =
        Payload.newBuilder()
            .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain"))
            .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return CONVERTER.fromPayload(p, type, type);
  }

  /**
   * An opened incident of {@code severity} on the given catalog services, detected at {@link
   * #DETECTED}.
   */
  static IncidentState opened(Severity severity, String... services) {
    IncidentState s =
        IncidentState.opening(
            "incident-test", severity, List.of(services), "API returns 503", DETECTED, "alert");
    for (String key : services) s.definitions.put(key, service(key));
    s.recoveryDoneOnChildSuccess = true;
    s.opened = true;
    return s;
  }

  static ChildRecovery running(String id, RecoveryKind kind, String service) {
    return new ChildRecovery(
        id, kind, service, "alice", DETECTED, ChildRecovery.RUNNING, null, "why");
  }
}
