package dev.drrunbooks.gateway.verify;

import dev.drrunbooks.gateway.Refusal;
import java.util.regex.Pattern;

/**
 * The generic bot endpoint's signature: {@code X-DR-Signature: v1=<hex>}, the lower-case hex
 * HMAC-SHA256 under the shared secret (DR_GATEWAY_SHARED_SECRET) of {@code
 * v1:<X-DR-Timestamp>:<X-DR-Nonce>:<raw body>}. The timestamp (Unix seconds) must be within 5
 * minutes of the gateway's clock and the nonce (16 to 128 of {@code A-Za-z0-9_-}) new.
 */
public final class GenericSignature {
  public static final String TIMESTAMP = "X-DR-Timestamp";
  public static final String NONCE = "X-DR-Nonce";
  public static final String SIGNATURE = "X-DR-Signature";
  private static final Pattern NONCE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

  private final Secret secret;
  private final FreshTimestamp fresh;
  private final ReplayGuard replays;

  public GenericSignature(Secret secret, FreshTimestamp fresh, ReplayGuard replays) {
    this.secret = secret;
    this.fresh = fresh;
    this.replays = replays;
  }

  /** The header value a bot sends: {@code v1=<hex>}. */
  public static String sign(Secret secret, String timestamp, String nonce, String body) {
    return "v1=" + HmacSha256.hex(secret, "v1:" + timestamp + ":" + nonce + ":" + body);
  }

  /**
   * @throws Refusal 401 (stale or missing timestamp, malformed nonce, wrong signature), 409 (nonce
   *     already used)
   */
  public void verify(String timestamp, String nonce, String signature, String body) {
    fresh.check(TIMESTAMP, timestamp);
    if (nonce == null || !NONCE_SHAPE.matcher(nonce).matches())
      throw Refusal.unverified(
          NONCE
              + ": '"
              + (nonce == null ? "" : nonce)
              + "' is not valid; allowed: 16 to 128 of"
              + " A-Z a-z 0-9 _ -, new for every request");
    if (!HmacSha256.matches(sign(secret, timestamp.trim(), nonce, body), signature))
      throw Refusal.unverified(
          SIGNATURE
              + ": does not match the body (expected v1=<hex HMAC-SHA256 of"
              + " v1:timestamp:nonce:body> under the shared secret)");
    replays.firstUse("generic:" + nonce);
  }
}
