package dev.drrunbooks.bootstrap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Envelope encryption through the AWS SDK's KMS client against the sandbox's KMS (moto): a data key
 * from GenerateDataKey encrypts; another process, configured with a newer KMS key, reads the
 * payload by asking KMS Decrypt for its data key (KMS finds the key in the blob); a blob KMS does
 * not accept is named.
 */
class KmsDataKeysSandboxTest {
  final SandboxEnv env = SandboxEnv.get();
  final KmsClient kms =
      KmsClient.builder()
          .endpointOverride(URI.create(env.require("AWS_ENDPOINT_URL")))
          .region(Region.EU_WEST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(
                      env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))))
          .build();

  PayloadCodec process(String kmsKeyId) {
    return PayloadEncryption.fromEnvironment(
            Map.of(PayloadEncryption.KMS_KEY_ID, kmsKeyId),
            new AwsKms(kms, "the sandbox's KMS"),
            Clock.systemUTC())
        .codec()
        .orElseThrow();
  }

  static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  @Test
  void aPayloadUnderOneKmsKeyIsReadByAProcessOnTheNextThroughKmsDecrypt() {
    String oldKey = kms.createKey(r -> r.description("dr payloads 2030")).keyMetadata().arn();
    String newKey = kms.createKey(r -> r.description("dr payloads 2031")).keyMetadata().arn();
    Payload before = process(oldKey).encode(List.of(json("{\"who\":\"sre-alice\"}"))).get(0);

    PayloadCodec rotated = process(newKey);
    Payload after = rotated.encode(List.of(json("{\"who\":\"sre-bob\"}"))).get(0);

    assertTrue(
        before
            .getMetadataMap()
            .get("encryption-key-id")
            .toStringUtf8()
            .startsWith(KmsDataKeys.ID_PREFIX));
    assertEquals(json("{\"who\":\"sre-alice\"}"), rotated.decode(List.of(before)).get(0));
    assertEquals(json("{\"who\":\"sre-bob\"}"), process(oldKey).decode(List.of(after)).get(0));

    byte[] blob = before.getMetadataMap().get("encryption-data-key").toByteArray();
    blob[blob.length / 2] ^= 1;
    Payload forged =
        before.toBuilder()
            .putMetadata("encryption-data-key", ByteString.copyFrom(blob))
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8(KmsDataKeys.idOf(blob)))
            .build();
    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> process(newKey).decode(List.of(forged)));
    assertTrue(
        e.getMessage().startsWith("KMS could not decrypt the data key '" + KmsDataKeys.idOf(blob)),
        e.getMessage());
  }
}
