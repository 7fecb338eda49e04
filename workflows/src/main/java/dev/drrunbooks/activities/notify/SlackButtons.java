package dev.drrunbooks.activities.notify;

/**
 * The buttons of a dr Slack message: what the notification puts on them and what the gateway's
 * {@code POST /slack/actions} accepts back (Slack's {@code block_actions} payload carries the
 * clicked button's {@code action_id} and {@code value},
 * https://api.slack.com/reference/interaction-payloads/block-actions).
 */
public final class SlackButtons {
  /** The action id of the approve button. */
  public static final String APPROVE = "dr-approve";

  /** The action id of the abort button. */
  public static final String ABORT = "dr-abort";

  private SlackButtons() {}

  /** A button's value: {@code RUN|STEP}, the run's workflow id and the gate's step. */
  public static String value(String runId, String step) {
    return runId + "|" + step;
  }
}
