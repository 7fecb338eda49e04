package dev.drrunbooks.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.activities.notify.SlackButtons;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.steer.SteerCommand;

/**
 * A click on a button of a dr message (Slack's {@code block_actions} payload,
 * https://api.slack.com/reference/interaction-payloads/block-actions): action id {@link #APPROVE}
 * or {@link #ABORT}, value {@code RUN|STEP}: the {@link SlackButtons} the outbound notifications
 * put on their messages.
 */
final class SlackAction {
  static final String APPROVE = SlackButtons.APPROVE;
  static final String ABORT = SlackButtons.ABORT;

  private SlackAction() {}

  /**
   * @param payload the {@code payload} form field, JSON
   * @throws Refusal 400 naming the field that does not fit
   */
  static SteerCommand parse(String payload) {
    JsonNode json = Json.object("payload", payload);
    String type = Json.required(json, "type", "block_actions");
    if (!type.equals("block_actions"))
      throw Refusal.badRequest("type: '" + type + "' is not valid; allowed: block_actions");
    String user = Json.required(json.path("user"), "id", "the Slack user id (user.id)");
    String channel = json.path("channel").path("id").asText("unknown");
    JsonNode actions = json.get("actions");
    if (actions == null || !actions.isArray() || actions.size() != 1)
      throw Refusal.badRequest("actions: " + actions + " is not valid; allowed: one action");
    JsonNode action = actions.get(0);
    String id = Json.required(action, "action_id", APPROVE + " or " + ABORT);
    String value = Json.required(action, "value", "RUN|STEP");
    String[] runStep = value.split("\\|", -1);
    if (runStep.length != 2 || runStep[0].isBlank() || runStep[1].isBlank())
      throw Refusal.badRequest("value: '" + value + "' is not valid; allowed: RUN|STEP");
    String who = "slack:" + user;
    String via = " with the Slack button in channel " + channel;
    return switch (id) {
      case APPROVE -> new SteerCommand.Approve(runStep[0], runStep[1], who, "approved" + via);
      case ABORT -> new SteerCommand.Abort(runStep[0], runStep[1], who, "aborted" + via);
      default ->
          throw Refusal.badRequest(
              "action_id: '" + id + "' is not valid; allowed: " + APPROVE + ", " + ABORT);
    };
  }
}
