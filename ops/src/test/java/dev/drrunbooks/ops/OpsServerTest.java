package dev.drrunbooks.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private static final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<String> notReady = new AtomicReference<>();
  private final OpsServer server =
      new OpsServer(new OpsAddress("127.0.0.1", 0), notReady::get, () -> "# TYPE up gauge\nup 1\n")
          .start();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthzAnswersWhileTheProcessRunsReadyNotReady() throws Exception {
    notReady.set("Temporal at 127.0.0.1:7233 unreachable: UNAVAILABLE io exception");
    assertEquals(200, get("/healthz").statusCode());

    HttpResponse<String> no = get("/readyz");
    assertEquals(503, no.statusCode());
    assertEquals(1, no.body().strip().lines().count(), "one line: " + no.body());
    JsonNode reason = new ObjectMapper().readTree(no.body());
    assertEquals("not ready", reason.path("status").asText());
    assertEquals(notReady.get(), reason.path("reason").asText());

    notReady.set(null);
    HttpResponse<String> yes = get("/readyz");
    assertEquals(200, yes.statusCode());
    assertEquals("ready", new ObjectMapper().readTree(yes.body()).path("status").asText());
  }

  @Test
  void metricsAreServedInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(OpsServer.PROMETHEUS_TEXT, r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.body().contains("up 1"), r.body());
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertEquals(404, get("/nope").statusCode());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  @Test
  void aPortInUseFailsTheStartNamingTheAddressAndTheVariable() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new OpsServer(new OpsAddress("127.0.0.1", server.port()), () -> null, () -> ""));
    assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
    assertTrue(e.getMessage().contains("DR_OPS_PORT"), e.getMessage());
  }

  @Test
  void theAddressComesFromTheEnvironmentWithTheProbedPortByDefault() {
    assertEquals(new OpsAddress("0.0.0.0", 9464), OpsAddress.from(Map.of()));
    assertEquals(
        new OpsAddress("127.0.0.1", 0),
        OpsAddress.from(Map.of("DR_OPS_HOST", "127.0.0.1", "DR_OPS_PORT", "0")));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> OpsAddress.from(Map.of("DR_OPS_PORT", "x")));
    assertEquals("DR_OPS_PORT: 'x' is not valid; allowed: a port, 0 to 65535", bad.getMessage());
    assertFalse(
        assertThrows(
                IllegalArgumentException.class,
                () -> OpsAddress.from(Map.of("DR_OPS_PORT", "70000")))
            .getMessage()
            .isEmpty());
  }
}
