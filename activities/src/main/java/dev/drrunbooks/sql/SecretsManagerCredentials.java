package dev.drrunbooks.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A login from a Secrets Manager secret holding JSON {@code {"username": ..., "password": ...}}
 * (the shape RDS-managed and rotated secrets have). Read at each use, so a rotation is picked up.
 * Messages name the secret, never its content.
 */
public final class SecretsManagerCredentials implements CredentialsSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AwsClients aws;
  private final String secretId;
  private final String regionOrNull;

  /**
   * @param regionOrNull where the secret lives; null: the ARN's region, else the target's region
   */
  public SecretsManagerCredentials(AwsClients aws, String secretId, String regionOrNull) {
    this.aws = aws;
    this.secretId = secretId;
    this.regionOrNull = regionOrNull;
  }

  @Override
  public DatabaseCredentials credentials(DatabaseTarget target) {
    String region = regionOf(target);
    String secret;
    try {
      secret = aws.secretsManager(region).getSecretValue(r -> r.secretId(secretId)).secretString();
    } catch (ResourceNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "database secret '" + secretId + "' not found in " + region + " (DR_DB_SECRET_ID)",
          "DbSecretNotFound");
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "get-secret-value " + secretId + " in " + region);
    }
    return loginOf(secret)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "database secret '"
                        + secretId
                        + "' in "
                        + region
                        + " is not a JSON object with \"username\" and \"password\"",
                    "DbSecretMalformed"));
  }

  /**
   * The login in a secret's string, JSON {@code {"username": ..., "password": ...}}; empty when it
   * is not such an object (nothing of the secret is quoted: a parser's message would).
   */
  public static Optional<DatabaseCredentials> loginOf(String secret) {
    JsonNode json;
    try {
      json = secret == null ? null : JSON.readTree(secret);
    } catch (Exception e) {
      json = null;
    }
    if (json == null || !json.hasNonNull("username") || !json.hasNonNull("password")) {
      return Optional.empty();
    }
    return Optional.of(
        new DatabaseCredentials(json.get("username").asText(), json.get("password").asText()));
  }

  private String regionOf(DatabaseTarget target) {
    if (secretId.startsWith("arn:")) {
      String[] parts = secretId.split(":");
      if (parts.length > 3 && !parts[3].isBlank()) return parts[3];
    }
    if (regionOrNull != null) return regionOrNull;
    return target.region();
  }

  @Override
  public String toString() {
    return "SecretsManagerCredentials[" + secretId + "]";
  }
}
