package dev.drrunbooks.gateway.verify;

import java.net.URI;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Reads a secret's string from AWS Secrets Manager by ARN
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html), in the
 * ARN's region, with the default credentials chain and the SDK's own endpoint configuration
 * (AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL point it at the sandbox's emulator:
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). Errors name the ARN,
 * never a value.
 */
public final class SecretsManagerSecrets implements UnaryOperator<String> {
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;

  /**
   * @param endpoint an endpoint over the SDK's configuration (tests against the sandbox), or null:
   *     the SDK's configuration
   */
  public SecretsManagerSecrets(URI endpoint, AwsCredentialsProvider credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
  }

  /** The default credentials chain; the endpoint the SDK reads from its own configuration. */
  public static SecretsManagerSecrets fromEnvironment() {
    return new SecretsManagerSecrets(null, DefaultCredentialsProvider.builder().build());
  }

  /**
   * @throws IllegalArgumentException when the ARN is malformed or the secret cannot be read
   */
  @Override
  public String apply(String arn) {
    String[] parts = arn.split(":");
    if (parts.length < 7 || parts[3].isBlank())
      throw new IllegalArgumentException(
          "'"
              + arn
              + "' is not a Secrets Manager ARN"
              + " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
    SecretsManagerClientBuilder b =
        SecretsManagerClient.builder().region(Region.of(parts[3])).credentialsProvider(credentials);
    if (endpoint != null) b.endpointOverride(endpoint);
    try (SecretsManagerClient client = b.build()) {
      return client.getSecretValue(r -> r.secretId(arn)).secretString();
    } catch (SdkException e) {
      throw new IllegalArgumentException("cannot read the secret " + arn + ": " + e.getMessage());
    }
  }
}
