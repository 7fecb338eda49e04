package dev.drrunbooks.bootstrap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Envelope encryption's bookkeeping against a fake KMS: when KMS is asked, and for what. */
class KmsDataKeysTest {
  /** A KMS that "encrypts" a data key by remembering it under a random blob. */
  static final class FakeKms implements DataKeyService {
    final Map<ByteString, byte[]> blobs = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final SecureRandom random = new SecureRandom();

    @Override
    public Generated generate(String kmsKeyId, Map<String, String> context) {
      calls.add("GenerateDataKey " + kmsKeyId + " " + context);
      byte[] key = new byte[32];
      byte[] blob = new byte[48];
      random.nextBytes(key);
      random.nextBytes(blob);
      blobs.put(ByteString.copyFrom(blob), key.clone());
      return new Generated(key, blob, "arn:aws:kms:eu-west-1:111122223333:key/" + kmsKeyId);
    }

    @Override
    public byte[] decrypt(byte[] encrypted, Map<String, String> context) {
      calls.add("Decrypt " + context);
      byte[] key = blobs.get(ByteString.copyFrom(encrypted));
      if (key == null) throw new IllegalStateException("InvalidCiphertextException");
      return key.clone();
    }

    @Override
    public String describe() {
      return "fake KMS";
    }
  }

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2031-03-01T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  static AesGcmCodec codec(KmsDataKeys keys) {
    return new AesGcmCodec(keys, List.of(keys));
  }

  @Test
  void oneDataKeyPerLifetimeItsEncryptedFormInEveryPayload() {
    FakeKms kms = new FakeKms();
    MovableClock clock = new MovableClock();
    KmsDataKeys keys = new KmsDataKeys(kms, "alias/dr-payloads", clock);
    AesGcmCodec codec = codec(keys);

    Payload a = codec.encode(List.of(json("a"))).get(0);
    Payload b = codec.encode(List.of(json("b"))).get(0);
    clock.now = clock.now.plus(KmsDataKeys.LIFETIME).minusSeconds(1);
    Payload c = codec.encode(List.of(json("c"))).get(0);

    assertEquals(
        List.of("GenerateDataKey alias/dr-payloads {dr-runbooks=temporal-payload}"), kms.calls);
    String id = a.getMetadataMap().get("encryption-key-id").toStringUtf8();
    assertTrue(id.matches("kms-[0-9a-f]{24}"), id);
    assertEquals(id, c.getMetadataMap().get("encryption-key-id").toStringUtf8());
    assertEquals(KmsDataKeys.idOf(a.getMetadataMap().get("encryption-data-key").toByteArray()), id);
    // its own payloads decrypt without asking KMS
    assertEquals(json("b"), codec.decode(List.of(b)).get(0));
    assertEquals(1, kms.calls.size());

    clock.now = clock.now.plusSeconds(1);
    Payload d = codec.encode(List.of(json("d"))).get(0);
    assertEquals(2, kms.calls.size());
    assertNotEquals(id, d.getMetadataMap().get("encryption-key-id").toStringUtf8());
    assertEquals(json("a"), codec.decode(List.of(a)).get(0));
  }

  @Test
  void anotherProcessesPayloadIsDecryptedThroughKmsOnceThenFromTheCache() {
    FakeKms kms = new FakeKms();
    Payload fromStarter =
        codec(new KmsDataKeys(kms, "key-1", Clock.systemUTC())).encode(List.of(json("x"))).get(0);
    Payload again =
        codec(new KmsDataKeys(kms, "key-1", Clock.systemUTC())).encode(List.of(json("y"))).get(0);
    kms.calls.clear();
    AesGcmCodec worker = codec(new KmsDataKeys(kms, "key-2", Clock.systemUTC()));

    assertEquals(json("x"), worker.decode(List.of(fromStarter)).get(0));
    assertEquals(json("x"), worker.decode(List.of(fromStarter)).get(0));
    assertEquals(json("y"), worker.decode(List.of(again)).get(0));

    assertEquals(
        List.of("Decrypt {dr-runbooks=temporal-payload}", "Decrypt {dr-runbooks=temporal-payload}"),
        kms.calls,
        "one Decrypt per data key, none for the second payload under the first");
  }

  @Test
  void aSwappedDataKeyOrAKmsRefusalIsNamed() {
    FakeKms kms = new FakeKms();
    Payload a =
        codec(new KmsDataKeys(kms, "key-1", Clock.systemUTC())).encode(List.of(json("a"))).get(0);
    Payload b =
        codec(new KmsDataKeys(kms, "key-1", Clock.systemUTC())).encode(List.of(json("b"))).get(0);
    AesGcmCodec reader = codec(new KmsDataKeys(kms, "key-1", Clock.systemUTC()));
    String idA = a.getMetadataMap().get("encryption-key-id").toStringUtf8();

    Payload swapped =
        a.toBuilder()
            .putMetadata("encryption-data-key", b.getMetadataMap().get("encryption-data-key"))
            .build();
    assertEquals(
        "the payload's encryption-data-key does not match its key id '" + idA + "': it was altered",
        assertThrows(PayloadCodecException.class, () -> reader.decode(List.of(swapped)))
            .getMessage());

    kms.blobs.clear(); // KMS no longer decrypts it (key disabled, access revoked)
    PayloadCodecException refused =
        assertThrows(PayloadCodecException.class, () -> reader.decode(List.of(a)));
    assertTrue(
        refused.getMessage().startsWith("KMS could not decrypt the data key '" + idA + "'"),
        refused.getMessage());
  }

  @Test
  void aKmsPayloadReadWithoutKmsSaysToConfigureIt() {
    Payload p =
        codec(new KmsDataKeys(new FakeKms(), "key-1", Clock.systemUTC()))
            .encode(List.of(json("a")))
            .get(0);
    EnvironmentKeys env = EnvironmentKeys.parse("sandbox-1", PayloadEncryptionTest.KEY_A, null);
    PayloadCodecException e =
        assertThrows(
            PayloadCodecException.class,
            () -> new AesGcmCodec(env, List.of(env)).decode(List.of(p)));
    assertTrue(
        e.getMessage()
            .endsWith(
                "it is a KMS data key: set DR_CODEC_KMS_KEY_ID so this process asks KMS to decrypt"
                    + " it"),
        e.getMessage());
  }

  @Test
  void aKeyArnGivesItsRegion() {
    assertEquals(
        "eu-central-1",
        AwsKms.regionOf("arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd"));
    assertEquals(null, AwsKms.regionOf("alias/dr-payloads"));
    assertEquals(null, AwsKms.regionOf("1234abcd-12ab-34cd-56ef-1234567890ab"));
  }
}
