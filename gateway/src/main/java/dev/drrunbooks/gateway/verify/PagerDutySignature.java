package dev.drrunbooks.gateway.verify;

import dev.drrunbooks.gateway.Refusal;

/**
 * PagerDuty's v3 webhook signature
 * (https://developer.pagerduty.com/docs/verifying-webhook-signatures): {@code
 * X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]}, the HMAC-SHA256 of the raw body under the
 * subscription's secret (DR_GATEWAY_PAGERDUTY_SECRET). Several signatures are sent while a secret
 * is rotated; one match suffices. PagerDuty signs no timestamp: replays are caught by event id
 * ({@code PagerDutyEndpoint}).
 */
public final class PagerDutySignature {
  public static final String SIGNATURE = "X-PagerDuty-Signature";

  private final Secret secret;

  public PagerDutySignature(Secret secret) {
    this.secret = secret;
  }

  /** The header value PagerDuty sends for this body with this one secret. */
  public static String sign(Secret secret, String body) {
    return "v1=" + HmacSha256.hex(secret, body);
  }

  /**
   * @throws Refusal 401 when the header is missing or no signature in it matches
   */
  public void verify(String header, String body) {
    if (header == null || header.isBlank())
      throw Refusal.unverified(SIGNATURE + ": missing; expected v1=<hex HMAC-SHA256 of the body>");
    String expected = sign(secret, body);
    for (String candidate : header.split(",")) {
      if (HmacSha256.matches(expected, candidate.trim())) return;
    }
    throw Refusal.unverified(
        SIGNATURE + ": no signature matches the body under the PagerDuty webhook secret");
  }
}
