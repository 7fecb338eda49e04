package dev.drrunbooks.gateway.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The codec endpoint's login session, for browsers (the Temporal UI sends cookies to a codec
 * endpoint when "include cross-origin credentials" is on, but cannot send a bearer token of ours):
 * the cookie value is {@code name.expiry.hmac}, the HMAC-SHA256 of name and expiry under that
 * user's token. It holds no token, survives a gateway restart, expires after {@link #LIFETIME}, and
 * dies with the user's token.
 */
public final class CodecSession {
  public static final String COOKIE = "dr_codec_session";
  public static final Duration LIFETIME = Duration.ofHours(8);

  private final CodecUsers users;
  private final Clock clock;

  public CodecSession(CodecUsers users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  /** A session cookie value for {@code name}, which must be a listed user. */
  String issue(String name) {
    long until = clock.instant().plus(LIFETIME).getEpochSecond();
    return name + "." + until + "." + mac(users.tokenOf(name).orElseThrow(), name, until);
  }

  /** The user of a valid, unexpired session cookie value; empty otherwise. */
  Optional<String> userOf(String cookie) {
    if (cookie == null) return Optional.empty();
    String[] parts = cookie.split("\\.");
    if (parts.length < 3) return Optional.empty();
    String mac = parts[parts.length - 1];
    long until;
    try {
      until = Long.parseLong(parts[parts.length - 2]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String name =
        cookie.substring(0, cookie.length() - mac.length() - parts[parts.length - 2].length() - 2);
    if (until <= clock.instant().getEpochSecond()) return Optional.empty();
    Optional<byte[]> token = users.tokenOf(name);
    if (token.isEmpty()) return Optional.empty();
    boolean ok =
        MessageDigest.isEqual(
            mac(token.get(), name, until).getBytes(StandardCharsets.US_ASCII),
            mac.getBytes(StandardCharsets.US_ASCII));
    return ok ? Optional.of(name) : Optional.empty();
  }

  private static String mac(byte[] token, String name, long until) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(token, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              m.doFinal(
                  ("dr-codec-session|" + name + "|" + until).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
