package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.gateway.codec.CodecEndpoint;
import dev.drrunbooks.gateway.http.GatewayServer;
import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentOutcome;
import dev.drrunbooks.incident.IncidentResult;
import dev.drrunbooks.reporting.RunLinks;
import dev.drrunbooks.starter.report.HtmlReportScreenshotTest;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Temporal UI reads an encrypted run only through the codec endpoint, and only for a browser
 * whose user logged in there: the sandbox's UI is configured with the codec endpoint; an incident
 * run by a worker with the sandbox's key is opened in headless Chromium with the UI's codec setting
 * "include cross-origin credentials" on (the browser setting the codec endpoint's session needs).
 * Before the login the codec endpoint refuses the UI (401: the UI says it "could not connect") and
 * the page shows the input encrypted, never its summary; after logging in at {@code /codec/login}
 * the same page shows the summary decoded. The codec endpoint is the gateway's own, served
 * in-process with a login token made for this test. Screenshots of both pages are kept in {@code
 * starter/target/ui-screenshots/}.
 */
class EncryptedRunInTheTemporalUiTest {
  static final Path SHOTS = TemporalUiSandboxTest.SHOTS;

  /** How the UI shows an encrypted payload's encoding it could not decode: base64. */
  static final String ENCRYPTED_BASE64 =
      Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));

  @Test
  void theUiShowsTheRunsInputDecodedOnlyForABrowserLoggedInAtTheCodecEndpoint() throws Exception {
    SandboxEnv env = SandboxEnv.get();
    String ui = env.require("TEMPORAL_UI_URL");
    JsonNode settings =
        new ObjectMapper()
            .readTree(
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(URI.create(ui + "/api/v1/settings")).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    assertEquals(
        env.require("DR_CODEC_ENDPOINT"),
        settings.path("Codec").path("Endpoint").asText(),
        "the sandbox's UI is not configured with its codec endpoint: " + settings);

    PayloadEncryption encryption = PayloadEncryption.fromEnvironment(env.all());
    String token = "ui-test-" + UUID.randomUUID();
    Map<String, String> gatewayEnv = new HashMap<>(env.all());
    gatewayEnv.put("DR_CODEC_SERVER_TOKENS", "ui-test:" + token);
    CodecEndpoint codec =
        CodecEndpoint.fromEnvironment(
                gatewayEnv, encryption.codec(), arn -> null, Clock.systemUTC())
            .orElseThrow();
    String m = Long.toString(System.nanoTime(), 36);
    String summary = "summary-" + m + " checkout returns 503";
    try (SandboxWorker worker = new SandboxWorker(Map.of(), encryption);
        GatewayServer gateway = new GatewayServer(Map.of(), codec::addTo)) {
      String codecBase = "http://127.0.0.1:" + gateway.start("127.0.0.1", 0);
      String id = "incident-ui-encrypted-e2e-" + m;
      WorkflowStub run =
          worker
              .client()
              .newUntypedWorkflowStub(
                  "IncidentResponse",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(worker.taskQueue)
                      .setWorkflowId(id)
                      .build());
      String runId = run.start(IncidentInput.of("P2", List.of("inventory"), summary)).getRunId();
      String link = new RunLinks(ui, env.get("TEMPORAL_NAMESPACE", "default")).of(id, runId);
      try (HeadlessPage page = new HeadlessPage(1280, 1600)) {
        // The UI's Codec Server setting in this browser: the endpoint, with credentials (cookies).
        page.open(ui);
        page.awaitText(t -> !t.isBlank(), Duration.ofSeconds(15));
        page.evaluate(
            "localStorage.setItem('endpoint', JSON.stringify('"
                + codecBase
                + "/codec')); localStorage.setItem('includeCredentials', 'true');"
                + " localStorage.setItem('overrideRemoteCodecConfiguration', 'true'); 'set'");

        page.open(link);
        String encoded;
        try {
          encoded =
              page.awaitText(
                  t -> t.contains(ENCRYPTED_BASE64) && t.contains("Codec Server could not connect"),
                  Duration.ofSeconds(25));
        } finally {
          HtmlReportScreenshotTest.assertScreenshot(
              page.screenshot(SHOTS.resolve("encrypted-run-not-logged-in.png")));
        }
        assertFalse(encoded.contains(summary), "decoded without a login:\n" + encoded);

        page.open(codecBase + "/codec/login");
        page.awaitText(t -> t.contains("Log in with your codec token"), Duration.ofSeconds(10));
        page.evaluate(
            "document.getElementById('token').value = '"
                + token
                + "'; document.getElementById('login').click(); 'sent'");
        page.awaitText(t -> t.contains("Logged in as ui-test"), Duration.ofSeconds(10));

        page.open(link);
        String decoded;
        try {
          decoded = page.awaitText(t -> t.contains(summary), Duration.ofSeconds(25));
        } finally {
          HtmlReportScreenshotTest.assertScreenshot(
              page.screenshot(SHOTS.resolve("encrypted-run-decoded.png")));
        }
        assertTrue(decoded.contains("checkout returns 503"), decoded);
      } finally {
        run.signal("resolveSignal", Map.of("who", "ui-test", "why", "page checked", "force", true));
      }
      IncidentResult result = run.getResult(30, TimeUnit.SECONDS, IncidentResult.class);
      assertEquals(IncidentOutcome.RESOLVED_FORCED, result.outcome(), result.toString());
    }
  }
}
