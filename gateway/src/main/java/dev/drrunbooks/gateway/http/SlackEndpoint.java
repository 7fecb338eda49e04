package dev.drrunbooks.gateway.http;

import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.steer.Answer;
import dev.drrunbooks.gateway.steer.CommandRunner;
import dev.drrunbooks.gateway.steer.SteerCommand;
import dev.drrunbooks.gateway.verify.SlackSignature;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code POST /slack/commands} (the {@code /dr} slash command, {@link SlackCommandText}) and {@code
 * POST /slack/actions} (button clicks, {@link SlackAction}); both signed with the Slack signing
 * secret. The verified Slack user id is the identity ({@code slack:U0123}); answers are Slack
 * message JSON ({@code {"response_type", "text"}}) naming the run and its link.
 */
public final class SlackEndpoint {
  private final SlackSignature signature;
  private final CommandRunner runner;

  public SlackEndpoint(SlackSignature signature, CommandRunner runner) {
    this.signature = signature;
    this.runner = runner;
  }

  /** The slash command: form fields {@code text}, {@code user_id}, {@code channel_id}. */
  public Object command(String body, UnaryOperator<String> header) {
    Map<String, String> form = verified(body, header);
    String user = form.get("user_id");
    if (user == null || user.isBlank())
      throw Refusal.badRequest("user_id: missing; allowed: the Slack user id Slack sends");
    String via = "Slack channel " + form.getOrDefault("channel_id", "unknown");
    return reply(runner.run(SlackCommandText.parse(form.get("text"), "slack:" + user, via)));
  }

  /** An interactive button: form field {@code payload}, JSON. */
  public Object action(String body, UnaryOperator<String> header) {
    Map<String, String> form = verified(body, header);
    SteerCommand command = SlackAction.parse(form.get("payload"));
    return reply(runner.run(command));
  }

  private Map<String, String> verified(String body, UnaryOperator<String> header) {
    signature.verify(
        header.apply(SlackSignature.TIMESTAMP), header.apply(SlackSignature.SIGNATURE), body);
    return Form.parse(body);
  }

  private static Map<String, Object> reply(Answer a) {
    String text = replyText(a);
    return Map.of("response_type", "in_channel", "text", text, "run", a, "replace_original", false);
  }

  /**
   * What the channel reads: a gate's answer says what it did ("APPROVAL_COUNTED at switch-traffic
   * on RUN by slack:U1: 1 of 2 approvals; the gate waits for 1 more"); anything else that it took
   * effect on the run, or started it.
   */
  static String replyText(Answer a) {
    String link = a.link() == null ? "" : " <" + a.link() + "|open the run>";
    if (a.result() instanceof GateDecision d)
      return "dr: "
          + d.verdict()
          + " at "
          + d.step()
          + " on "
          + a.run()
          + " by "
          + d.who()
          + ": "
          + d.why()
          + link;
    return "dr: " + (a.result() == null ? "started " : "done on ") + a.run() + link;
  }
}
