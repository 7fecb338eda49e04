package dev.drrunbooks.sql;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.aws.AwsClients;
import java.util.Map;

/**
 * Database logins, found inside the activity: a Secrets Manager secret ({@code DR_DB_SECRET_ID},
 * JSON with {@code username} and {@code password}) when set, else {@code DR_DB_USER}/{@code
 * DR_DB_PASSWORD} from the environment. Credentials never travel through workflow inputs, results
 * or logs.
 */
public interface CredentialsSource {

  DatabaseCredentials credentials(DatabaseTarget target);

  /**
   * @param env the worker's environment: {@code DR_DB_SECRET_ID} (name or ARN) and optionally
   *     {@code DR_DB_SECRET_REGION} (else the ARN's region, else {@code AWS_REGION}, else the
   *     target's region); or {@code DR_DB_USER}, {@code DR_DB_PASSWORD}
   */
  static CredentialsSource fromEnvironment(Map<String, String> env, AwsClients aws) {
    String secretId = env.get("DR_DB_SECRET_ID");
    if (secretId != null && !secretId.isBlank()) {
      String region = env.get("DR_DB_SECRET_REGION");
      if (region == null || region.isBlank()) region = env.get("AWS_REGION");
      return new SecretsManagerCredentials(
          aws, secretId.trim(), region == null || region.isBlank() ? null : region.trim());
    }
    return environment(env);
  }

  /** DR_DB_USER and DR_DB_PASSWORD, read at each use. */
  static CredentialsSource environment(Map<String, String> env) {
    Map<String, String> copy = Map.copyOf(env);
    return target -> DatabaseCredentials.fromEnvironment(copy);
  }
}
