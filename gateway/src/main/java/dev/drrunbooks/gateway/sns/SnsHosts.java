package dev.drrunbooks.gateway.sns;

import dev.drrunbooks.gateway.Refusal;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The only hosts the gateway fetches a signing certificate from or confirms a subscription at:
 * https on {@code sns.<region>.amazonaws.com} (or {@code .amazonaws.com.cn}), as AWS advises
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html), so a forged
 * message cannot name a certificate of its own.
 */
public final class SnsHosts {
  public static final Pattern DEFAULT =
      Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

  private SnsHosts() {}

  /**
   * @param field the message field, for the message (SigningCertURL, SubscribeURL)
   * @throws Refusal 401 when not https on an allowed host
   */
  public static URI require(String field, String url, Pattern allowed) {
    URI uri;
    try {
      uri = url == null ? null : URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || !"https".equals(uri.getScheme())
        || uri.getHost() == null
        || uri.getPort() != -1
        || !allowed.matcher(uri.getHost()).matches())
      throw Refusal.unverified(
          field
              + ": '"
              + url
              + "' is not valid; allowed: https://<host matching "
              + allowed
              + ">/...");
    return uri;
  }
}
