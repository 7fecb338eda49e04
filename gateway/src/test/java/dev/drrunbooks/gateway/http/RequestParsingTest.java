package dev.drrunbooks.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.steer.SteerCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** How generic bodies, slash command texts and button payloads become commands, or 400s. */
class RequestParsingTest {
  private static void bad(String start, Executable e) {
    Refusal r = assertThrows(Refusal.class, e);
    assertEquals(400, r.status(), r.reason());
    assertTrue(r.reason().startsWith(start), r.reason());
  }

  @Test
  void genericBodiesBecomeCommandsWithTheBotAsGenericIdentity() {
    assertEquals(
        new SteerCommand.Approve("r1", "switch", "generic:bot", "ok"),
        GenericRequest.parse(
            "{\"action\":\"approve\",\"run\":\"r1\",\"step\":\"switch\",\"who\":\"bot\",\"why\":\"ok\"}"));
    assertEquals(
        new SteerCommand.Abort("r1", "switch", "generic:bot", null),
        GenericRequest.parse(
            "{\"action\":\"abort\",\"run\":\"r1\",\"step\":\"switch\",\"who\":\"bot\"}"));
    assertEquals(
        new SteerCommand.Acknowledge("r1", "generic:bot", "mine"),
        GenericRequest.parse(
            "{\"action\":\"acknowledge\",\"run\":\"r1\",\"who\":\"bot\",\"why\":\"mine\"}"));
    assertEquals(
        new SteerCommand.Note("r1", "generic:bot", "hi", "assessment"),
        GenericRequest.parse(
            "{\"action\":\"note\",\"run\":\"r1\",\"who\":\"bot\",\"text\":\"hi\",\"kind\":\"assessment\"}"));
  }

  @Test
  void genericBodiesThatDoNotFitNameTheField() {
    bad("body: not valid JSON", () -> GenericRequest.parse("{"));
    bad("body: ARRAY", () -> GenericRequest.parse("[]"));
    bad("body: empty", () -> GenericRequest.parse(""));
    bad("action: missing", () -> GenericRequest.parse("{}"));
    bad("action: 'resolve' is not valid", () -> GenericRequest.parse("{\"action\":\"resolve\"}"));
    bad(
        "step: unknown field for acknowledge",
        () ->
            GenericRequest.parse(
                "{\"action\":\"acknowledge\",\"run\":\"r\",\"who\":\"b\",\"step\":\"s\"}"));
    bad(
        "run: missing",
        () -> GenericRequest.parse("{\"action\":\"note\",\"who\":\"b\",\"text\":\"t\"}"));
    bad(
        "who: missing",
        () -> GenericRequest.parse("{\"action\":\"note\",\"run\":\"r\",\"text\":\"t\"}"));
    bad(
        "step: missing",
        () -> GenericRequest.parse("{\"action\":\"approve\",\"run\":\"r\",\"who\":\"b\"}"));
    bad(
        "step: missing",
        () -> GenericRequest.parse("{\"action\":\"abort\",\"run\":\"r\",\"who\":\"b\"}"));
    bad(
        "text: missing",
        () -> GenericRequest.parse("{\"action\":\"note\",\"run\":\"r\",\"who\":\"b\"}"));
    bad(
        "who: 5 is not valid; allowed: a string",
        () -> GenericRequest.parse("{\"action\":\"note\",\"run\":\"r\",\"who\":5}"));
  }

  @Test
  void slashCommandTextsNameTheUserAndChannel() {
    assertEquals(
        new SteerCommand.Approve("r1", "switch", "slack:U1", "looks good (via Slack channel C1)"),
        SlackCommandText.parse(" approve r1 switch looks good", "slack:U1", "Slack channel C1"));
    assertEquals(
        new SteerCommand.Abort("r1", "switch", "slack:U1", "no (via c)"),
        SlackCommandText.parse("abort r1 switch no", "slack:U1", "c"));
    assertEquals(
        new SteerCommand.Acknowledge("r1", "slack:U1", "on it now (via c)"),
        SlackCommandText.parse("ack r1 on it now", "slack:U1", "c"));
    assertEquals(
        new SteerCommand.Note("r1", "slack:U1", "db is slow (via c)", null),
        SlackCommandText.parse("note r1 db is slow", "slack:U1", "c"));
    bad(
        "text: 'approve r1 switch' needs a run, a step and a reason",
        () -> SlackCommandText.parse("approve r1 switch", "slack:U1", "c"));
    bad(
        "text: 'ack r1' needs a run and a text",
        () -> SlackCommandText.parse("ack r1", "slack:U1", "c"));
    bad(
        "text: 'dance' is not a dr command",
        () -> SlackCommandText.parse("dance", "slack:U1", "c"));
    bad("text: '' is not a dr command", () -> SlackCommandText.parse(null, "slack:U1", "c"));
  }

  private static String click(String actionId, String value) {
    return "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"channel\":{\"id\":\"C1\"},"
        + "\"actions\":[{\"action_id\":\""
        + actionId
        + "\",\"value\":\""
        + value
        + "\"}]}";
  }

  @Test
  void buttonClicksCarryRunAndStepInTheirValue() {
    assertEquals(
        new SteerCommand.Approve(
            "r1", "switch", "slack:U1", "approved with the Slack button in channel C1"),
        SlackAction.parse(click("dr-approve", "r1|switch")));
    assertEquals(
        new SteerCommand.Abort(
            "r1", "switch", "slack:U1", "aborted with the Slack button in channel C1"),
        SlackAction.parse(click("dr-abort", "r1|switch")));
    bad("action_id: 'dr-dance' is not valid", () -> SlackAction.parse(click("dr-dance", "r1|s")));
    bad("value: 'r1' is not valid", () -> SlackAction.parse(click("dr-approve", "r1")));
    bad("value: '|s' is not valid", () -> SlackAction.parse(click("dr-approve", "|s")));
    bad("value: 'r|' is not valid", () -> SlackAction.parse(click("dr-approve", "r|")));
    bad(
        "type: 'view_submission' is not valid",
        () ->
            SlackAction.parse(
                click("dr-approve", "r|s").replace("block_actions", "view_submission")));
    bad(
        "actions: null",
        () -> SlackAction.parse("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"}}"));
    bad("id: missing", () -> SlackAction.parse("{\"type\":\"block_actions\"}"));
    bad("payload: empty", () -> SlackAction.parse(null));
  }

  @Test
  void formBodiesDecodeAsSlackSendsThem() {
    assertEquals(
        Map.of("text", "approve r1 s ok", "user_id", "U1", "flag", ""),
        Form.parse("text=approve+r1+s%20ok&user_id=U1&flag"));
    assertEquals(Map.of(), Form.parse(""));
    assertEquals(Map.of(), Form.parse(null));
    assertEquals(Map.of("", "v", "k", ""), Form.parse("=v&k="));
  }
}
