package dev.drrunbooks.gateway.http;

import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.steer.SteerCommand;

/**
 * The text of the {@code /dr} slash command: {@code approve RUN STEP why...}, {@code abort RUN STEP
 * why...}, {@code ack RUN why...} or {@code note RUN text...}. The reason is required: it goes on
 * the run's timeline with the Slack user and channel.
 */
final class SlackCommandText {
  static final String USAGE =
      "usage: /dr approve RUN STEP why... | /dr abort RUN STEP why... | /dr ack RUN why... |"
          + " /dr note RUN text...";

  private SlackCommandText() {}

  /**
   * @param who the verified identity, {@code slack:<user id>}
   * @param via where it came from, e.g. {@code Slack channel C0123}, appended to the reason
   * @throws Refusal 400 with the usage when the text does not fit
   */
  static SteerCommand parse(String text, String who, String via) {
    String[] words = text == null ? new String[0] : text.trim().split("\\s+", 4);
    String verb = words.length > 0 ? words[0] : "";
    switch (verb) {
      case "approve", "abort" -> {
        if (words.length < 4)
          throw Refusal.badRequest(
              "text: '" + text + "' needs a run, a step and a reason; " + USAGE);
        String why = words[3] + " (via " + via + ")";
        return verb.equals("approve")
            ? new SteerCommand.Approve(words[1], words[2], who, why)
            : new SteerCommand.Abort(words[1], words[2], who, why);
      }
      case "ack", "note" -> {
        String[] rest = text.trim().split("\\s+", 3);
        if (rest.length < 3)
          throw Refusal.badRequest("text: '" + text + "' needs a run and a text; " + USAGE);
        return verb.equals("ack")
            ? new SteerCommand.Acknowledge(rest[1], who, rest[2] + " (via " + via + ")")
            : new SteerCommand.Note(rest[1], who, rest[2] + " (via " + via + ")", null);
      }
      default ->
          throw Refusal.badRequest(
              "text: '" + (text == null ? "" : text) + "' is not a dr command; " + USAGE);
    }
  }
}
