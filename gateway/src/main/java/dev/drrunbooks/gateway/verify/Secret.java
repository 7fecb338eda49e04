package dev.drrunbooks.gateway.verify;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A signing secret or shared key read from the environment, either the value itself or the ARN of
 * an AWS Secrets Manager secret holding it ({@code
 * arn:aws:secretsmanager:REGION:ACCOUNT:secret:...}, read once at start). Its {@link #toString}
 * never shows the value, so a secret passed to a log line or an answer by mistake shows as {@code
 * <secret NAME>}.
 */
public final class Secret {
  private static final String ARN_PREFIX = "arn:aws";
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
    return fromEnv(
        env,
        name,
        arn -> {
          throw new IllegalArgumentException(
              name + ": a Secrets Manager ARN, but no Secrets Manager client was given");
        });
  }

  /**
   * @param byArn reads a Secrets Manager secret's string by ARN
   */
  public static Optional<Secret> fromEnv(
      Map<String, String> env, String name, UnaryOperator<String> byArn) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return Optional.empty();
    v = v.trim();
    if (!isArn(v)) return Optional.of(new Secret(name, v));
    String value = byArn.apply(v);
    if (value == null || value.isBlank())
      throw new IllegalArgumentException(name + ": the secret " + v + " is empty");
    return Optional.of(new Secret(name, value.trim()));
  }

  /** What marks a value as a Secrets Manager ARN (any partition). */
  public static boolean isArn(String value) {
    return value != null
        && value.trim().startsWith(ARN_PREFIX)
        && value.contains(":secretsmanager:");
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
