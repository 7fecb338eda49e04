package dev.drrunbooks.http.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.activities.notify.Notification;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Sends notifications that need people to PagerDuty's Events API v2 ({@code POST
 * https://events.pagerduty.com/v2/enqueue}, https://developer.pagerduty.com/docs/events-api-v2/
 * trigger-events/): {@code routing_key} (the integration key, {@code DR_PAGERDUTY_ROUTING_KEY}),
 * {@code event_action} {@code trigger} or {@code resolve}, {@code dedup_key} the run's workflow id
 * (one alert per run: a gate, a breach and a failed end update it; PagerDuty keeps dedup keys up to
 * 255 characters), and for a trigger a {@code payload} with the required {@code summary} (up to
 * 1024 characters), {@code source} and {@code severity} (critical, error, warning or info), plus
 * {@code timestamp}, {@code component}, {@code group}, {@code class}, {@code custom_details}, and
 * the run's link in {@code links}.
 *
 * <p>{@code routingKey}: the 32-character integration key of a PagerDuty service.
 *
 * <p>A waiting gate triggers a warning, a missed objective or a FAILED run an error, another end
 * short of its purpose a warning; a run that passed, or that a person cancelled or aborted,
 * resolves the run's alert when it raised one (a scheduled run that needed nobody sends nothing:
 * the integration's rate limit is for alerts). Phase changes are not sent: PagerDuty is for what
 * needs people. PagerDuty answers 202 to an accepted event, 400 to an invalid one and 429 when rate
 * limited; a non-2xx answer fails the attempt, so Temporal retries it.
 */
public record PagerDutyEvent(URI target, String routingKey) implements NotificationChannel {
  public static final String KEY_ENV = "DR_PAGERDUTY_ROUTING_KEY";
  public static final String URL_ENV = "DR_PAGERDUTY_EVENTS_URL";
  public static final URI EVENTS_API = URI.create("https://events.pagerduty.com/v2/enqueue");
  static final int SUMMARY_MAX = 1024;
  static final int DEDUP_KEY_MAX = 255;

  private static final ObjectMapper json = new ObjectMapper();

  /** Outcomes of a run a person ended: the alert is theirs to close, not a new one. */
  private static final Set<String> ENDED_BY_PEOPLE = Set.of("CANCELLED", "ABORTED");

  /** Never shows the routing key: it is the integration's secret. */
  @Override
  public String toString() {
    return "PagerDutyEvent[" + target + "]";
  }

  @Override
  public String name() {
    return "pagerduty";
  }

  /** What PagerDuty gets for a notification. */
  enum Action {
    TRIGGER,
    RESOLVE,
    NOTHING
  }

  /**
   * A gate, a missed objective or an end that needs people triggers; an end that passed, or that a
   * person made (CANCELLED, ABORTED), resolves the run's alert if it raised one; the rest (phase
   * changes) is not PagerDuty's.
   */
  static Action action(Notification n) {
    return switch (n.kind()) {
      case GATE_WAITING, OBJECTIVE_BREACHED -> Action.TRIGGER;
      case PHASE_CHANGED -> Action.NOTHING;
      case RUN_ENDED -> {
        boolean settled = Boolean.TRUE.equals(n.passed()) || ENDED_BY_PEOPLE.contains(n.outcome());
        if (!settled) yield Action.TRIGGER;
        yield n.alertOpen() ? Action.RESOLVE : Action.NOTHING;
      }
    };
  }

  @Override
  public Optional<ObjectNode> body(Notification n, String runLink) {
    Action action = action(n);
    if (action == Action.NOTHING) return Optional.empty();
    ObjectNode event = json.createObjectNode();
    event.put("routing_key", routingKey);
    event.put("event_action", action == Action.RESOLVE ? "resolve" : "trigger");
    event.put("dedup_key", dedupKey(n.runId()));
    if (action == Action.RESOLVE) return Optional.of(event);
    event.put("client", "dr-runbooks");
    if (runLink != null) {
      event.put("client_url", runLink);
      event.putArray("links").addObject().put("href", runLink).put("text", "the run in Temporal");
    }
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", SlackMessage.clip(n.title(), SUMMARY_MAX));
    payload.put("source", "dr-runbooks/" + n.runId());
    payload.put("severity", severity(n));
    payload.put("timestamp", n.at().toString());
    if (n.service() != null) payload.put("component", n.service());
    payload.put("group", n.procedure());
    payload.put("class", n.kind().name().toLowerCase().replace('_', '-'));
    ObjectNode details = payload.putObject("custom_details");
    details.put("run", n.runId());
    details.put("detail", n.detail());
    if (n.gate() != null) {
      details.put("gate", n.gate().step());
      details.put("deadline", n.gate().deadline().toString());
      details.put("on_timeout", n.gate().onTimeout());
      details.put("approvers", n.gate().approvers());
    }
    if (n.outcome() != null) details.put("outcome", n.outcome());
    return Optional.of(event);
  }

  /**
   * A gate waits: warning; a missed objective or a run that FAILED: error; a run that ended
   * otherwise short of its purpose (OFF_POLICY, ROLLED_BACK...): warning.
   */
  static String severity(Notification n) {
    return switch (n.kind()) {
      case GATE_WAITING -> "warning";
      case OBJECTIVE_BREACHED -> "error";
      case RUN_ENDED -> "FAILED".equals(n.outcome()) ? "error" : "warning";
      case PHASE_CHANGED -> "info";
    };
  }

  /** Workflow ids are unique per start; one longer than PagerDuty keeps is cut, keeping its end. */
  static String dedupKey(String runId) {
    return runId.length() <= DEDUP_KEY_MAX
        ? runId
        : runId.substring(runId.length() - DEDUP_KEY_MAX);
  }
}
