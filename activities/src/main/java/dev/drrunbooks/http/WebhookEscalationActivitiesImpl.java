package dev.drrunbooks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.activities.http.Escalation;
import dev.drrunbooks.activities.http.EscalationActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a missed incident deadline as JSON to the webhook in {@code DR_ESCALATION_WEBHOOK} (a
 * pager's or chat's incoming webhook, an incident bot; in the sandbox a local receiver). A 2xx
 * answer is delivered; any other answer, a refused connection or a timeout is a retryable failure,
 * so Temporal retries with backoff. With no webhook configured it logs the escalation and returns
 * "not configured", so the sandbox and tests work without one.
 *
 * <p>The URL often carries a token (Slack, PagerDuty): only its scheme and host are ever logged or
 * returned. The body: {@code {"event": "incident.deadline-missed", "key", "incidentId", "severity",
 * "services", "summary", "phase", "detectedAt", "deadline", "detail", "text"}}; the header {@code
 * Idempotency-Key} carries {@link Escalation#key()}, so a receiver can drop a retried post.
 */
public class WebhookEscalationActivitiesImpl implements EscalationActivities {
  public static final String ENV = "DR_ESCALATION_WEBHOOK";
  private static final Logger log = LoggerFactory.getLogger(WebhookEscalationActivitiesImpl.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI webhook;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /** {@code webhook} may be null or blank: escalations are then only logged. */
  public WebhookEscalationActivitiesImpl(String webhook) {
    this(
        webhook,
        HttpClient.newBuilder()
            .executor(HttpClientExecutor.shared())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build());
  }

  WebhookEscalationActivitiesImpl(String webhook, HttpClient http) {
    this.webhook = parse(webhook);
    this.http = http;
  }

  /** From {@code DR_ESCALATION_WEBHOOK}. */
  public static WebhookEscalationActivitiesImpl fromEnvironment() {
    return new WebhookEscalationActivitiesImpl(System.getenv(ENV));
  }

  private static URI parse(String webhook) {
    return WebhookUrl.parse(ENV, webhook);
  }

  /** Scheme and host only: the path and query often hold a token. */
  String target() {
    return WebhookUrl.redacted(webhook);
  }

  @Override
  public String escalate(Escalation e) {
    String text =
        "["
            + e.severity()
            + "] "
            + e.incidentId()
            + ": "
            + e.phase()
            + " deadline "
            + e.deadline()
            + " missed ("
            + e.detail()
            + "); services "
            + String.join(", ", e.services())
            + "; "
            + e.summary();
    if (webhook == null) {
      log.warn("escalation not sent ({} is not set): {}", ENV, text);
      return "not configured: " + ENV + " is not set (logged by the worker)";
    }
    String body = body(e, text);
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", e.key())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException ex) {
      throw ApplicationFailure.newFailure(
          "escalation webhook " + target() + " did not answer: " + ex, "EscalationNotDelivered");
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while posting to " + target(), "EscalationNotDelivered");
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String answer = response.body() == null ? "" : response.body().strip();
      if (answer.length() > 200) answer = answer.substring(0, 200) + "...";
      throw ApplicationFailure.newFailure(
          "escalation webhook "
              + target()
              + " answered HTTP "
              + status
              + (answer.isEmpty() ? "" : ": " + answer),
          "EscalationNotDelivered");
    }
    log.info("escalated {} to {}: HTTP {}", e.key(), target(), status);
    return "delivered to " + target() + ": HTTP " + status;
  }

  private String body(Escalation e, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", "incident.deadline-missed");
    m.put("key", e.key());
    m.put("incidentId", e.incidentId());
    m.put("severity", e.severity());
    m.put("services", e.services());
    m.put("summary", e.summary());
    m.put("phase", e.phase());
    m.put("detectedAt", e.detectedAt() == null ? null : e.detectedAt().toString());
    m.put("deadline", e.deadline() == null ? null : e.deadline().toString());
    m.put("detail", e.detail());
    m.put("text", text);
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot encode the escalation: " + ex.getMessage(), "EscalationNotEncoded");
    }
  }
}
