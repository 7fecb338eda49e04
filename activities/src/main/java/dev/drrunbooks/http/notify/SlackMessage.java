package dev.drrunbooks.http.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.activities.notify.Notification;
import dev.drrunbooks.activities.notify.NotificationKind;
import dev.drrunbooks.activities.notify.SlackButtons;
import java.net.URI;
import java.util.Optional;

/**
 * Posts notifications to a Slack incoming webhook ({@code DR_SLACK_WEBHOOK_URL}) as Block Kit
 * messages (https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/block-kit): a
 * header, the detail, a context line with the run id and its Temporal UI link, and at a waiting
 * gate an actions block with Approve and Abort buttons ({@link SlackButtons}); Slack sends a click
 * to the app's interactivity URL, the gateway's {@code POST /slack/actions}, as the clicking user.
 * No URL button: Slack posts a click on one to that URL too, and the gateway would refuse it.
 *
 * <p>Limits the message keeps (Block Kit reference): header text 150 characters, section text 3000,
 * fallback {@code text} 3000 here. Every kind of notification is posted: the channel is the run's
 * log for the people following it.
 */
public record SlackMessage(URI target) implements NotificationChannel {
  public static final String ENV = "DR_SLACK_WEBHOOK_URL";
  static final int HEADER_MAX = 150;
  static final int SECTION_MAX = 3000;
  private static final ObjectMapper json = new ObjectMapper();

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public Optional<ObjectNode> body(Notification n, String runLink) {
    ObjectNode message = json.createObjectNode();
    message.put("text", clip(n.title() + ": " + n.detail(), SECTION_MAX));
    ArrayNode blocks = message.putArray("blocks");
    blocks
        .addObject()
        .put("type", "header")
        .set("text", plain(clip(icon(n) + " " + n.title(), HEADER_MAX)));
    blocks.addObject().put("type", "section").set("text", mrkdwn(clip(n.detail(), SECTION_MAX)));
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .add(
            mrkdwn(
                "run `"
                    + n.runId()
                    + "` · "
                    + n.procedure()
                    + (runLink == null ? "" : " · <" + runLink + "|open in the Temporal UI>")));
    if (n.kind() == NotificationKind.GATE_WAITING && n.gate() != null) {
      String value = SlackButtons.value(n.runId(), n.gate().step());
      ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id", "dr-gate");
      ArrayNode buttons = actions.putArray("elements");
      buttons
          .addObject()
          .put("type", "button")
          .put("action_id", SlackButtons.APPROVE)
          .put("style", "primary")
          .put("value", value)
          .set("text", plain("Approve"));
      ObjectNode abort =
          buttons
              .addObject()
              .put("type", "button")
              .put("action_id", SlackButtons.ABORT)
              .put("style", "danger")
              .put("value", value);
      abort.set("text", plain("Abort"));
      ObjectNode confirm = abort.putObject("confirm");
      confirm.set("title", plain("Abort the run?"));
      confirm.set("text", mrkdwn("The run stops at " + n.gate().step() + " and does not go on."));
      confirm.set("confirm", plain("Abort"));
      confirm.set("deny", plain("Keep waiting"));
    }
    return Optional.of(message);
  }

  private static String icon(Notification n) {
    return switch (n.kind()) {
      case GATE_WAITING -> ":raised_hand:";
      case PHASE_CHANGED -> ":arrow_forward:";
      case OBJECTIVE_BREACHED -> ":warning:";
      case RUN_ENDED -> Boolean.TRUE.equals(n.passed()) ? ":white_check_mark:" : ":x:";
    };
  }

  private static ObjectNode plain(String text) {
    return json.createObjectNode().put("type", "plain_text").put("text", text);
  }

  private static ObjectNode mrkdwn(String text) {
    return json.createObjectNode().put("type", "mrkdwn").put("text", text);
  }

  static String clip(String s, int max) {
    String t = s == null || s.isBlank() ? "-" : s;
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
