package dev.drrunbooks.http.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.drrunbooks.activities.notify.Notification;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Posts every notification to a webhook of the team's own ({@code DR_NOTIFY_WEBHOOK_URL}: an
 * incident bot, a chat relay) as {@code {"event": "run.gate-waiting", "key", "link", ...the
 * Notification's fields}}, times in ISO 8601. The {@code Idempotency-Key} header and {@code key}
 * field are the same on a retried post: {@code RUN/KIND/EPOCH-MILLIS}.
 */
public record GenericWebhook(URI target) implements NotificationChannel {
  public static final String ENV = "DR_NOTIFY_WEBHOOK_URL";
  private static final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Optional<ObjectNode> body(Notification n, String runLink) {
    ObjectNode body = json.createObjectNode();
    body.put("event", n.kind().event());
    body.put("key", key(n));
    body.put("link", runLink);
    body.setAll((ObjectNode) json.valueToTree(n));
    return Optional.of(body);
  }

  @Override
  public Map<String, String> headers(Notification n) {
    return Map.of("Idempotency-Key", key(n));
  }

  static String key(Notification n) {
    return n.runId() + "/" + n.kind().name().toLowerCase() + "/" + n.at().toEpochMilli();
  }
}
