package dev.drrunbooks.sql;

import java.util.Map;

/**
 * A database login, read inside the activity (environment here; Secrets Manager in AWS) and never
 * passed through workflow input, results or logs: {@link #toString()} hides the password.
 */
public record DatabaseCredentials(String user, String password) {

  public static DatabaseCredentials fromEnvironment(Map<String, String> env) {
    String user = env.get("DR_DB_USER");
    if (user == null || user.isBlank()) {
      throw new IllegalStateException(
          "DR_DB_USER is not set: the worker needs database credentials in its "
              + "environment (DR_DB_USER, DR_DB_PASSWORD)");
    }
    return new DatabaseCredentials(user, env.getOrDefault("DR_DB_PASSWORD", ""));
  }

  @Override
  public String toString() {
    return "DatabaseCredentials[user=" + user + ", password=***]";
  }
}
