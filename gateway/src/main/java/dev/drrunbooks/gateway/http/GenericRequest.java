package dev.drrunbooks.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.steer.SteerCommand;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The generic endpoint's body: {@code {"action": "approve"|"abort", "run", "step", "who", "why"}},
 * {@code {"action": "acknowledge", "run", "who", "why"}} or {@code {"action": "note", "run", "who",
 * "text", "kind"?}}. {@code who} names the bot (or the person it acts for); the signature vouches
 * for it, and the run sees it as {@code generic:<who>}.
 */
final class GenericRequest {
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "approve", List.of("action", "run", "step", "who", "why"),
          "abort", List.of("action", "run", "step", "who", "why"),
          "acknowledge", List.of("action", "run", "who", "why"),
          "note", List.of("action", "run", "who", "text", "kind"));

  private GenericRequest() {}

  /**
   * @throws Refusal 400 naming the field, the value and what is allowed
   */
  static SteerCommand parse(String body) {
    JsonNode json = Json.object("body", body);
    String action = Json.required(json, "action", "approve, abort, acknowledge, note");
    List<String> fields = FIELDS.get(action);
    if (fields == null)
      throw Refusal.badRequest(
          "action: '" + action + "' is not valid; allowed: approve, abort, acknowledge, note");
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name))
        throw Refusal.badRequest(
            name + ": unknown field for " + action + "; allowed: " + String.join(", ", fields));
    }
    String run = Json.required(json, "run", "the run's workflow id");
    String who = "generic:" + Json.required(json, "who", "the bot's or person's name");
    return switch (action) {
      case "approve" ->
          new SteerCommand.Approve(
              run, Json.required(json, "step", "the gate's step"), who, Json.text(json, "why"));
      case "abort" ->
          new SteerCommand.Abort(
              run, Json.required(json, "step", "the gate's step"), who, Json.text(json, "why"));
      case "acknowledge" -> new SteerCommand.Acknowledge(run, who, Json.text(json, "why"));
      default ->
          new SteerCommand.Note(
              run, who, Json.required(json, "text", "the note"), Json.text(json, "kind"));
    };
  }
}
