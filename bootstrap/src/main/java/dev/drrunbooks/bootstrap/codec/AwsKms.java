package dev.drrunbooks.bootstrap.codec;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * {@link DataKeyService} on AWS KMS (AWS SDK for Java v2): GenerateDataKey
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html) with KeySpec
 * AES_256, and Decrypt (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html),
 * which for a symmetric key finds the KMS key in the blob itself. Credentials from the default
 * chain; the region of a key ARN, else the default chain's; the endpoint is the SDK's own
 * configuration (AWS_ENDPOINT_URL_KMS or AWS_ENDPOINT_URL send it to an emulator:
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
public final class AwsKms implements DataKeyService {
  private final KmsClient kms;
  private final String where;

  AwsKms(KmsClient kms, String where) {
    this.kms = kms;
    this.where = where;
  }

  /** A client for {@code kmsKeyId}'s region, as the environment says. */
  static AwsKms forKey(String kmsKeyId, Map<String, String> env) {
    KmsClientBuilder b =
        KmsClient.builder()
            .httpClient(ApacheHttpClient.builder().maxConnections(8).build())
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(Duration.ofSeconds(10))
                    .build());
    String region = regionOf(kmsKeyId);
    if (region == null) region = env.get("AWS_REGION");
    if (region == null || region.isBlank()) region = env.get("AWS_DEFAULT_REGION");
    if (region != null && !region.isBlank()) b.region(Region.of(region.trim()));
    KmsClient kms = b.build();
    // The endpoint the SDK resolved from its configuration, when one is configured.
    String where =
        "KMS"
            + (region == null ? "" : " in " + region.trim())
            + kms.serviceClientConfiguration().endpointOverride().map(e -> " at " + e).orElse("");
    return new AwsKms(kms, where);
  }

  /** The region of a key or alias ARN ({@code arn:aws:kms:REGION:ACCOUNT:key/ID}), else null. */
  static String regionOf(String kmsKeyId) {
    String[] parts = kmsKeyId.split(":");
    return parts.length >= 6 && parts[0].equals("arn") && !parts[3].isBlank() ? parts[3] : null;
  }

  @Override
  public Generated generate(String kmsKeyId, Map<String, String> context) {
    GenerateDataKeyResponse r =
        kms.generateDataKey(
            g -> g.keyId(kmsKeyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
    return new Generated(r.plaintext().asByteArray(), r.ciphertextBlob().asByteArray(), r.keyId());
  }

  @Override
  public byte[] decrypt(byte[] encrypted, Map<String, String> context) {
    return kms.decrypt(
            d -> d.ciphertextBlob(SdkBytes.fromByteArray(encrypted)).encryptionContext(context))
        .plaintext()
        .asByteArray();
  }

  @Override
  public String describe() {
    return where;
  }
}
