package dev.drrunbooks.gateway.sns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.http.Endpoint;
import dev.drrunbooks.gateway.http.Json;
import dev.drrunbooks.gateway.steer.RunSteering;
import dev.drrunbooks.gateway.verify.ReplayGuard;
import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code POST /sns}: Amazon SNS HTTPS deliveries of CloudWatch alarm notifications
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html). Every
 * message's signature is verified first ({@link SnsSignature}); then
 *
 * <ul>
 *   <li>{@code SubscriptionConfirmation}: the subscription is confirmed at its SubscribeURL (same
 *       allowed hosts);
 *   <li>{@code Notification} whose Message is an alarm ({@code AlarmName}, {@code NewStateValue})
 *       entering ALARM and mapped in {@link AlarmTriggers}: the mapped procedure is started, its id
 *       derived from the MessageId so a redelivery starts nothing twice; other states and unmapped
 *       alarms are answered 200 {@code {"ignored": ...}} (SNS retries anything else).
 * </ul>
 *
 * Messages older than 5 minutes ({@code Timestamp}) and MessageIds already seen are refused.
 *
 * @param allowedHosts where SigningCertURL and SubscribeURL may point
 */
public record SnsEndpoint(
    SnsSignature signature,
    Pattern allowedHosts,
    SubscriptionConfirmer confirmer,
    ReplayGuard replays,
    AlarmTriggers triggers,
    RunSteering steering,
    Clock clock)
    implements Endpoint {
  private static final Duration MAX_AGE = Duration.ofMinutes(5);

  @Override
  public Object handle(String body, UnaryOperator<String> header) {
    JsonNode message = Json.object("body", body);
    signature.verify(message);
    Instant sent = fresh(Json.required(message, "Timestamp", "ISO-8601"));
    String messageId = Json.required(message, "MessageId", "SNS's message id");
    replays.firstUse("sns:" + messageId);
    String type = Json.required(message, "Type", "Notification, SubscriptionConfirmation");
    if (!type.equals("Notification")) {
      if (type.equals("SubscriptionConfirmation"))
        confirmer.confirm(
            SnsHosts.require("SubscribeURL", Json.text(message, "SubscribeURL"), allowedHosts));
      return Map.of("confirmed", type.equals("SubscriptionConfirmation"), "type", type);
    }
    JsonNode alarm = Json.object("Message", Json.required(message, "Message", "the alarm JSON"));
    String name = Json.required(alarm, "AlarmName", "the CloudWatch alarm's name");
    String state = Json.required(alarm, "NewStateValue", "ALARM, OK, INSUFFICIENT_DATA");
    if (!state.equals("ALARM")) return Map.of("ignored", name + " is " + state + ", not ALARM");
    AlarmTriggers.Trigger t = triggers.of(name).orElse(null);
    if (t == null) return Map.of("ignored", name + " is not mapped in " + AlarmTriggers.ENV);
    String id = t.procedure().runId(t.service(), sent, suffix(messageId));
    Object input =
        t.procedure() == IncidentResponse.PROCEDURE
            ? new IncidentInput(
                "P2",
                List.of(t.service()),
                "CloudWatch alarm " + name + ": " + alarm.path("NewStateReason").asText(""),
                sent.toString(),
                "sns:" + name)
            : Map.of("service", t.service());
    return steering.start(id, t.procedure(), t.service(), input);
  }

  private Instant fresh(String timestamp) {
    Instant sent;
    try {
      sent = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw Refusal.badRequest("Timestamp: '" + timestamp + "' is not ISO-8601");
    }
    if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_AGE) > 0)
      throw Refusal.unverified(
          "Timestamp: " + timestamp + " is more than 5 minutes from the gateway's clock");
    return sent;
  }

  /** Four hex characters of the MessageId's hash: the same message, the same run id. */
  private static String suffix(String messageId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
