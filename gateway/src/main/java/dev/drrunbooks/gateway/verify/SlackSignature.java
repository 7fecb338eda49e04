package dev.drrunbooks.gateway.verify;

import dev.drrunbooks.gateway.Refusal;

/**
 * Slack's request signature (https://api.slack.com/authentication/verifying-requests-from-slack):
 * {@code X-Slack-Signature: v0=<hex>}, the HMAC-SHA256 under the app's signing secret
 * (DR_GATEWAY_SLACK_SIGNING_SECRET) of {@code v0:<X-Slack-Request-Timestamp>:<raw body>};
 * timestamps more than 5 minutes off are refused, and a signature is accepted once.
 */
public final class SlackSignature {
  public static final String TIMESTAMP = "X-Slack-Request-Timestamp";
  public static final String SIGNATURE = "X-Slack-Signature";

  private final Secret secret;
  private final FreshTimestamp fresh;
  private final ReplayGuard replays;

  public SlackSignature(Secret secret, FreshTimestamp fresh, ReplayGuard replays) {
    this.secret = secret;
    this.fresh = fresh;
    this.replays = replays;
  }

  /** The header value Slack sends for this body. */
  public static String sign(Secret secret, String timestamp, String body) {
    return "v0=" + HmacSha256.hex(secret, "v0:" + timestamp + ":" + body);
  }

  /**
   * @throws Refusal 401 (stale or missing timestamp, wrong signature), 409 (replayed signature)
   */
  public void verify(String timestamp, String signature, String body) {
    fresh.check(TIMESTAMP, timestamp);
    if (!HmacSha256.matches(sign(secret, timestamp.trim(), body), signature))
      throw Refusal.unverified(
          SIGNATURE + ": does not match the body under the Slack signing secret");
    replays.firstUse("slack:" + signature);
  }
}
