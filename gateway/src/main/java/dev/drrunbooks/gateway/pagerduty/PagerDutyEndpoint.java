package dev.drrunbooks.gateway.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.http.Endpoint;
import dev.drrunbooks.gateway.http.Json;
import dev.drrunbooks.gateway.steer.CommandRunner;
import dev.drrunbooks.gateway.steer.RunSteering;
import dev.drrunbooks.gateway.steer.SteerCommand;
import dev.drrunbooks.gateway.verify.PagerDutySignature;
import dev.drrunbooks.gateway.verify.ReplayGuard;
import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code POST /pagerduty}: PagerDuty v3 webhooks
 * (https://developer.pagerduty.com/docs/webhooks/v3-overview), {@code {"event": {"id",
 * "event_type", "occurred_at", "agent": {"id"}, "data": {"id", "title", "urgency", "priority":
 * {"summary"}, "service": {"id"}}}}}, signed as {@link PagerDutySignature} says.
 *
 * <ul>
 *   <li>{@code incident.triggered} opens an IncidentResponse for the catalog services mapped to the
 *       PagerDuty service ({@link PagerDutyServices}), as {@link #runId run {@code
 *       incident-response-pagerduty-<incident id>}}: its severity from the incident's priority (P1
 *       to P4), else its urgency (high: P2, low: P3).
 *   <li>{@code incident.acknowledged} acknowledges that run, as {@code pagerduty:<agent id>}.
 *   <li>{@code incident.resolved} records a note of kind {@code recovery}: the run moves to
 *       verification (its services still need verifying before it can be resolved).
 * </ul>
 *
 * Other event types are answered 200 {@code {"ignored": ...}}, so PagerDuty does not retry them. An
 * event id is carried out once (409 on a replay).
 *
 * @param runner runs the incident commands an event asks for
 */
public record PagerDutyEndpoint(
    PagerDutySignature signature,
    ReplayGuard replays,
    PagerDutyServices services,
    RunSteering steering,
    CommandRunner runner)
    implements Endpoint {
  private static final String ID_PREFIX = IncidentResponse.PROCEDURE.key() + "-pagerduty-";

  /**
   * The incident run of a PagerDuty incident: one per incident, so acknowledged and resolved find
   * it without a lookup table, and a retried trigger is refused by Temporal's id policy.
   */
  public static String runId(String pagerDutyIncidentId) {
    return ID_PREFIX + pagerDutyIncidentId.toLowerCase(Locale.ROOT);
  }

  @Override
  public Object handle(String body, UnaryOperator<String> header) {
    signature.verify(header.apply(PagerDutySignature.SIGNATURE), body);
    JsonNode event = Json.object("body", body).path("event");
    String eventId = Json.required(event, "id", "the webhook event's id (event.id)");
    String type = Json.required(event, "event_type", "incident.triggered and others");
    JsonNode data = event.path("data");
    String incident = Json.required(data, "id", "the PagerDuty incident id (event.data.id)");
    if (!incident.matches("[A-Za-z0-9]{1,64}"))
      throw Refusal.badRequest("event.data.id: '" + incident + "' is not a PagerDuty id");
    String who = "pagerduty:" + event.path("agent").path("id").asText("unknown");
    switch (type) {
      case "incident.triggered" -> {
        StartPlan plan = plan(data, event);
        replays.firstUse("pagerduty:" + eventId);
        return steering.start(
            runId(incident), IncidentResponse.PROCEDURE, plan.services.get(0), plan.input);
      }
      case "incident.acknowledged" -> {
        replays.firstUse("pagerduty:" + eventId);
        return runner.run(
            new SteerCommand.Acknowledge(
                runId(incident), who, "acknowledged in PagerDuty (incident " + incident + ")"));
      }
      case "incident.resolved" -> {
        replays.firstUse("pagerduty:" + eventId);
        return runner.run(
            new SteerCommand.Note(
                runId(incident),
                who,
                "resolved in PagerDuty (incident " + incident + "): services to verify",
                "recovery"));
      }
      default -> {
        return Map.of("ignored", type + " is not acted on");
      }
    }
  }

  private record StartPlan(List<String> services, IncidentInput input) {}

  private StartPlan plan(JsonNode data, JsonNode event) {
    String service = Json.required(data.path("service"), "id", "event.data.service.id");
    List<String> mapped =
        services
            .of(service)
            .orElseThrow(
                () ->
                    new Refusal(
                        422,
                        "event.data.service.id: '"
                            + service
                            + "' is not mapped to catalog services; mapped: "
                            + services.known()));
    String title = Json.text(data, "title");
    IncidentInput input =
        new IncidentInput(
            severity(data),
            mapped,
            title == null ? "PagerDuty incident " + Json.text(data, "id") : title,
            Json.text(event, "occurred_at"),
            "pagerduty:" + Json.text(data, "id"));
    return new StartPlan(mapped, input);
  }

  /** The priority's P1..P4 when set, else by urgency: high P2, low P3. */
  static String severity(JsonNode data) {
    String priority = data.path("priority").path("summary").asText("");
    if (priority.matches("P[1-4]")) return priority;
    return "low".equals(data.path("urgency").asText("")) ? "P3" : "P2";
  }
}
