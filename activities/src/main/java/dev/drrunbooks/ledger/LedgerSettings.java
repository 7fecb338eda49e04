package dev.drrunbooks.ledger;

import java.util.Map;
import java.util.Optional;
import org.postgresql.Driver;

/**
 * Where the evidence ledger is and how to log in, from the worker's environment:
 *
 * <ul>
 *   <li>{@code DR_LEDGER_JDBC_URL}: {@code jdbc:postgresql://host:port/database}; unset, the worker
 *       has no ledger (runs' evidence is answered "not recorded", recoveries are unaffected);
 *   <li>{@code DR_LEDGER_SECRET_ID} (name or ARN; {@code DR_LEDGER_SECRET_REGION}, else the ARN's
 *       region, else {@code AWS_REGION}): a Secrets Manager secret holding JSON {@code username}
 *       and {@code password}, as RDS-managed master user secrets do, read at each connection so a
 *       rotation is picked up;
 *   <li>or {@code DR_LEDGER_USER} and {@code DR_LEDGER_PASSWORD}.
 * </ul>
 *
 * {@link #toString()} and {@link #describe()} never show the password, nor the URL's parameters
 * (which may carry one).
 */
public record LedgerSettings(
    String jdbcUrl, String user, String password, String secretId, String secretRegion) {
  public static final String URL_ENV = "DR_LEDGER_JDBC_URL";
  public static final String USER_ENV = "DR_LEDGER_USER";
  public static final String PASSWORD_ENV = "DR_LEDGER_PASSWORD";
  public static final String SECRET_ENV = "DR_LEDGER_SECRET_ID";
  public static final String SECRET_REGION_ENV = "DR_LEDGER_SECRET_REGION";

  /**
   * @return empty when {@code DR_LEDGER_JDBC_URL} is unset or blank
   * @throws IllegalArgumentException naming the variable: a URL that is not PostgreSQL's, or no
   *     login ({@code DR_LEDGER_SECRET_ID} or {@code DR_LEDGER_USER})
   */
  public static Optional<LedgerSettings> fromEnvironment(Map<String, String> env) {
    String url = value(env, URL_ENV);
    if (url == null) return Optional.empty();
    // The driver's own reading: its error message would quote the URL, parameters and all.
    if (!url.startsWith("jdbc:postgresql:") || Driver.parseURL(url, null) == null) {
      throw new IllegalArgumentException(
          URL_ENV
              + ": '"
              + withoutParameters(url)
              + "' is not valid; allowed: jdbc:postgresql://host:port/database");
    }
    String secretId = value(env, SECRET_ENV);
    String user = value(env, USER_ENV);
    if (secretId == null && user == null) {
      throw new IllegalArgumentException(
          URL_ENV
              + " is set but the ledger has no login: set "
              + SECRET_ENV
              + " (a Secrets Manager secret with username and password) or "
              + USER_ENV
              + " and "
              + PASSWORD_ENV);
    }
    String region = value(env, SECRET_REGION_ENV);
    if (region == null) region = value(env, "AWS_REGION");
    return Optional.of(
        new LedgerSettings(
            url,
            user,
            env.getOrDefault(PASSWORD_ENV, ""),
            secretId,
            secretId == null ? null : region));
  }

  /** Whether the login comes from Secrets Manager rather than the environment. */
  public boolean fromSecret() {
    return secretId != null;
  }

  /**
   * For logs: {@code jdbc:postgresql://host:5432/dr_ledger as dr_ledger_writer (DR_LEDGER_USER)} or
   * {@code ... with the login in secret S (DR_LEDGER_SECRET_ID)}.
   */
  public String describe() {
    return withoutParameters(jdbcUrl)
        + (fromSecret()
            ? " with the login in secret " + secretId + " (" + SECRET_ENV + ")"
            : " as " + user + " (" + USER_ENV + ")");
  }

  @Override
  public String toString() {
    return "LedgerSettings[" + describe() + ", password=***]";
  }

  /** The URL up to its parameters: {@code ?password=...} must not reach a log. */
  static String withoutParameters(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  private static String value(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
