package dev.drrunbooks.http.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.activities.notify.Notification;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** One place a worker's notifications go, in the JSON that receiver accepts. */
public interface NotificationChannel {

  /** "slack", "pagerduty" or "webhook": the channel's name in results and logs. */
  String name();

  /** Where the JSON is posted. Never logged as is: it may hold a token. */
  URI target();

  /**
   * @param runLink the run's page in the Temporal UI, or null when the worker knows no UI
   * @return the body to post, or empty when this channel does not carry this kind of notification
   */
  Optional<ObjectNode> body(Notification notification, String runLink);

  /** Headers beside {@code Content-Type: application/json}. */
  default Map<String, String> headers(Notification notification) {
    return Map.of();
  }
}
