package dev.drrunbooks.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.gateway.Refusal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every answer looks like: short JSON, the right status, never a stack trace. */
class GatewayServerTest {
  private static GatewayServer server;
  private static int port;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        new GatewayServer(
            Map.of(
                "/echo",
                    (body, header) ->
                        Map.of("body", body, "h", String.valueOf(header.apply("X-Test"))),
                "/refuse",
                    (body, header) -> {
                      throw Refusal.forbidden("approver: nope");
                    },
                "/unknown",
                    (body, header) -> {
                      throw Refusal.unknownRun("r-1");
                    },
                "/boom",
                    (body, header) -> {
                      throw new IllegalStateException("secret detail");
                    }));
    port = server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("X-Test", "t")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void json(HttpResponse<String> r, int status, String error, String reason) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(
        "application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    var body = Json.object("reply", r.body());
    assertEquals(error, body.path("error").asText(), r.body());
    assertEquals(reason, body.path("reason").asText(), r.body());
    assertEquals("dr: refused: " + reason, body.path("text").asText(), r.body());
  }

  @Test
  void answersAreJsonWithTheEndpointsResult() throws Exception {
    HttpResponse<String> r = send("POST", "/echo", "raw body");
    assertEquals(200, r.statusCode());
    assertEquals("raw body", Json.object("r", r.body()).path("body").asText());
    assertEquals("t", Json.object("r", r.body()).path("h").asText());
    HttpResponse<String> health = send("GET", "/healthz", "");
    assertEquals(200, health.statusCode());
    assertTrue(health.body().contains("\"ok\":true"), health.body());
  }

  @Test
  void refusalsKeepTheirStatusAndReason() throws Exception {
    json(send("POST", "/refuse", ""), 403, "Forbidden", "approver: nope");
    json(send("POST", "/unknown", ""), 404, "Not Found", "run: no run with id 'r-1'");
  }

  @Test
  void unexpectedFailuresAre500WithoutDetail() throws Exception {
    HttpResponse<String> r = send("POST", "/boom", "");
    assertEquals(500, r.statusCode());
    assertEquals("{\"error\":\"internal\",\"reason\":\"see the gateway's log\"}", r.body());
    assertFalse(r.body().contains("secret detail"));
  }

  @Test
  void unservedPathsMethodsAndHugeBodiesAreShortJson() throws Exception {
    json(send("POST", "/nope", ""), 404, "Not Found", "POST /nope: not served");
    HttpResponse<String> get = send("GET", "/echo", "");
    assertTrue(get.statusCode() == 404 || get.statusCode() == 405, get.body());
    assertTrue(get.body().startsWith("{\"error\""), get.body());
    HttpResponse<String> big =
        send("POST", "/echo", "x".repeat((int) GatewayServer.MAX_BODY_BYTES + 1));
    assertEquals(413, big.statusCode(), big.body());
    assertTrue(big.body().startsWith("{\"error\""), big.body());
  }
}
