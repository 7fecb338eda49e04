package dev.drrunbooks.gateway.codec;

import dev.drrunbooks.gateway.verify.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Who may use the codec endpoint: DR_CODEC_SERVER_TOKENS lists {@code name:token} pairs (comma
 * separated; or the ARN of a Secrets Manager secret holding that list), one per person or tool. A
 * request is authorised when it presents one of the tokens (as a bearer token, or through the
 * session cookie its login made); the name is what the gateway logs, never the token. Remove a pair
 * to revoke it: its bearer token and its sessions stop working at the next start.
 */
public final class CodecUsers {
  public static final String ENV = "DR_CODEC_SERVER_TOKENS";

  /** Tokens shorter than this are refused at start: they could be guessed. */
  static final int MIN_TOKEN = 24;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final Map<String, byte[]> tokens;

  CodecUsers(Map<String, String> tokensByName) {
    Map<String, byte[]> t = new LinkedHashMap<>();
    tokensByName.forEach((n, v) -> t.put(n, v.getBytes(StandardCharsets.UTF_8)));
    this.tokens = t;
  }

  /**
   * @return empty when DR_CODEC_SERVER_TOKENS is unset (no codec endpoint)
   * @throws IllegalArgumentException naming the entry (never its token) when one is malformed
   */
  public static Optional<CodecUsers> fromEnvironment(
      Map<String, String> env, UnaryOperator<String> secretsByArn) {
    String v = env.get(ENV);
    if (v == null || v.isBlank()) return Optional.empty();
    v = v.trim();
    if (Secret.isArn(v)) v = secretsByArn.apply(v);
    return Optional.of(parse(v));
  }

  static CodecUsers parse(String list) {
    Map<String, String> byName = new LinkedHashMap<>();
    int i = 0;
    for (String entry : list.split(",")) {
      i++;
      String e = entry.trim();
      if (e.isEmpty()) continue;
      int colon = e.indexOf(':');
      String name = colon < 0 ? "" : e.substring(0, colon).trim();
      String token = colon < 0 ? "" : e.substring(colon + 1).trim();
      if (!NAME.matcher(name).matches())
        throw new IllegalArgumentException(
            ENV + ": entry " + i + " is not name:token (name: 1 to 64 of A-Z a-z 0-9 . _ @ -)");
      if (token.length() < MIN_TOKEN)
        throw new IllegalArgumentException(
            ENV + ": the token of '" + name + "' is shorter than " + MIN_TOKEN + " characters");
      if (byName.put(name, token) != null)
        throw new IllegalArgumentException(ENV + ": '" + name + "' is listed twice");
    }
    if (byName.isEmpty()) throw new IllegalArgumentException(ENV + ": no name:token entry");
    return new CodecUsers(byName);
  }

  /** The user whose token {@code token} is (compared in constant time), or empty. */
  public Optional<String> byToken(String token) {
    if (token == null) return Optional.empty();
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Map.Entry<String, byte[]> e : tokens.entrySet())
      if (MessageDigest.isEqual(e.getValue(), given)) found = e.getKey();
    return Optional.ofNullable(found);
  }

  /** The token of {@code name}, to check a session of it; empty when the name is not listed. */
  Optional<byte[]> tokenOf(String name) {
    byte[] t = tokens.get(name);
    return t == null ? Optional.empty() : Optional.of(t.clone());
  }

  public Set<String> names() {
    return tokens.keySet();
  }

  @Override
  public String toString() {
    return "CodecUsers" + names(); // never a token
  }
}
