package dev.drrunbooks.gateway.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as Slack, PagerDuty and the generic endpoint sign: lower-case hex. */
public final class HmacSha256 {
  private HmacSha256() {}

  /** The lower-case hex HMAC-SHA256 of the UTF-8 {@code message} under {@code secret}. */
  public static String hex(Secret secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  /** Compares in constant time, so timing does not tell how much of a guess was right. */
  public static boolean matches(String expectedHex, String givenHex) {
    if (givenHex == null) return false;
    return MessageDigest.isEqual(
        expectedHex.getBytes(StandardCharsets.US_ASCII),
        givenHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
