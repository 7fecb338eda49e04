package dev.drrunbooks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.drrunbooks.activities.http.Escalation;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookEscalationActivitiesImplTest {
  private static final Escalation MISSED =
      new Escalation(
          "incident-20261127T1400-inventory",
          "P1",
          List.of("inventory"),
          "API returns 503",
          "assessment",
          Instant.parse("2026-11-27T14:00:00Z"),
          Instant.parse("2026-11-27T14:15:00Z"),
          "no assessment recorded");

  /**
   * A local webhook receiver: records each POST (body and idempotency key) and answers with {@link
   * #status}.
   */
  private HttpServer server;

  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
  private final List<String> methods = Collections.synchronizedList(new ArrayList<>());
  private volatile int status = 204;

  @BeforeEach
  void receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          methods.add(exchange.getRequestMethod());
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          byte[] answer =
              status >= 300 ? "receiver is down".getBytes(StandardCharsets.UTF_8) : new byte[0];
          exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
          if (answer.length > 0) exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/dr?token=secret";
  }

  @Test
  void postsTheMissedDeadlineAsJson() throws IOException {
    String answer = new WebhookEscalationActivitiesImpl(url()).escalate(MISSED);

    assertEquals(
        "delivered to http://127.0.0.1:" + server.getAddress().getPort() + ": HTTP 204", answer);
    assertFalse(answer.contains("secret"), "the token in the URL is never shown");
    assertEquals(List.of("POST"), methods);
    assertEquals(List.of("incident-20261127T1400-inventory/assessment"), keys);
    JsonNode body = new ObjectMapper().readTree(bodies.get(0));
    assertEquals("incident.deadline-missed", body.get("event").asText());
    assertEquals("assessment", body.get("phase").asText());
    assertEquals("P1", body.get("severity").asText());
    assertEquals("inventory", body.get("services").get(0).asText());
    assertEquals("2026-11-27T14:15:00Z", body.get("deadline").asText());
    assertTrue(
        body.get("text")
            .asText()
            .startsWith("[P1] incident-20261127T1400-inventory: assessment deadline "),
        body.get("text").asText());
  }

  @Test
  void aNon2xxAnswerIsARetryableFailure() {
    status = 503;
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> new WebhookEscalationActivitiesImpl(url()).escalate(MISSED));
    assertFalse(e.isNonRetryable());
    assertEquals("EscalationNotDelivered", e.getType());
    assertTrue(
        e.getOriginalMessage().contains("answered HTTP 503: receiver is down"),
        e.getOriginalMessage());
    assertFalse(e.getOriginalMessage().contains("secret"));
  }

  @Test
  void noAnswerIsARetryableFailure() {
    String gone = url();
    server.stop(0);
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> new WebhookEscalationActivitiesImpl(gone).escalate(MISSED));
    assertFalse(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("did not answer"), e.getOriginalMessage());
  }

  @Test
  void withoutAWebhookItLogsAndSaysSo() {
    assertEquals(
        "not configured: DR_ESCALATION_WEBHOOK is not set (logged by the worker)",
        new WebhookEscalationActivitiesImpl(" ").escalate(MISSED));
    assertEquals(List.of(), bodies);
  }

  @Test
  void aWebhookThatIsNotAnHttpUrlIsRefusedAtStart() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WebhookEscalationActivitiesImpl("ftp://hooks.example.com/x"));
    assertTrue(
        e.getMessage().startsWith("DR_ESCALATION_WEBHOOK: expected an http(s) URL"),
        e.getMessage());
  }
}
