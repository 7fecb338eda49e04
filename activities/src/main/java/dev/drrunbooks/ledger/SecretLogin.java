package dev.drrunbooks.ledger;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.sql.DatabaseCredentials;
import dev.drrunbooks.sql.SecretsManagerCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The ledger's login from a Secrets Manager secret ({@code DR_LEDGER_SECRET_ID}) holding JSON
 * {@code {"username": ..., "password": ...}}, the shape of RDS-managed master user secrets. Every
 * failure (not found, denied, unreachable, malformed) is an {@link IllegalStateException} naming
 * the secret and its region: the write is retried, as someone can fix the secret in the meantime.
 */
final class SecretLogin implements LedgerLogin {
  private final AwsClients aws;
  private final String secretId;
  private final String regionOrNull;

  /**
   * @param regionOrNull where the secret lives when {@code secretId} is not an ARN
   */
  SecretLogin(AwsClients aws, String secretId, String regionOrNull) {
    this.aws = aws;
    this.secretId = secretId;
    this.regionOrNull = regionOrNull;
  }

  @Override
  public DatabaseCredentials credentials() {
    String region = region();
    String secret;
    try {
      secret = aws.secretsManager(region).getSecretValue(r -> r.secretId(secretId)).secretString();
    } catch (SdkException e) {
      throw new IllegalStateException(
          "cannot read the ledger's secret '"
              + secretId
              + "' in "
              + region
              + " ("
              + LedgerSettings.SECRET_ENV
              + "): "
              + e.getMessage());
    }
    return SecretsManagerCredentials.loginOf(secret)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the ledger's secret '"
                        + secretId
                        + "' in "
                        + region
                        + " ("
                        + LedgerSettings.SECRET_ENV
                        + ") is not a JSON object with \"username\" and \"password\""));
  }

  /** The ARN's region, else the configured one. */
  private String region() {
    if (secretId.startsWith("arn:")) {
      String[] parts = secretId.split(":");
      if (parts.length > 3 && !parts[3].isBlank()) return parts[3];
    }
    if (regionOrNull == null) {
      throw new IllegalStateException(
          "the ledger's secret '"
              + secretId
              + "' is not an ARN and no region is set: set "
              + LedgerSettings.SECRET_REGION_ENV
              + " or AWS_REGION");
    }
    return regionOrNull;
  }

  @Override
  public String toString() {
    return "SecretLogin[" + secretId + "]";
  }
}
