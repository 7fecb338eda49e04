package dev.drrunbooks.gateway.verify;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A signing secret or shared key read from the environment. Its {@link #toString} never shows the
 * value, so a secret passed to a log line or an answer by mistake shows as {@code <secret NAME>}.
 */
public final class Secret {
  private final String name;
  private final byte[] value;

  private Secret(String name, String value) {
    this.name = name;
    this.value = value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param env the process environment
   * @param name the variable, e.g. DR_GATEWAY_SHARED_SECRET
   * @return empty when the variable is unset or blank (the channel is then switched off)
   */
  public static Optional<Secret> fromEnv(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(new Secret(name, v.trim()));
  }

  public static Secret of(String name, String value) {
    return new Secret(name, value);
  }

  /** The variable the secret came from, for messages. */
  public String name() {
    return name;
  }

  byte[] bytes() {
    return value.clone();
  }

  @Override
  public String toString() {
    return "<secret " + name + ">";
  }
}
