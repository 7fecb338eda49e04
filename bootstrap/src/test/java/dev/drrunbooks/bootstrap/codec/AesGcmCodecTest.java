package dev.drrunbooks.bootstrap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The payload codec alone: AES-256-GCM per payload, keys by id, plain payloads through. */
class AesGcmCodecTest {
  static final String SECRET_NOTE = "{\"who\":\"sre-alice\",\"text\":\"db restored from snap-42\"}";

  static SecretKey randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return new SecretKeySpec(k, "AES");
  }

  static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  static AesGcmCodec codec(String currentId, Map<String, SecretKey> keys) {
    EnvironmentKeys ring = new EnvironmentKeys(currentId, keys);
    return new AesGcmCodec(currentId == null ? null : ring, List.of(ring));
  }

  @Test
  void aPayloadRoundTripsAndIsUnreadableOnTheWire() {
    AesGcmCodec codec = codec("k1", Map.of("k1", randomKey()));
    Payload plain = json(SECRET_NOTE);

    Payload encrypted = codec.encode(List.of(plain)).get(0);

    assertEquals("binary/encrypted", encrypted.getMetadataMap().get("encoding").toStringUtf8());
    assertEquals("k1", encrypted.getMetadataMap().get("encryption-key-id").toStringUtf8());
    assertEquals(
        "AES/GCM/NoPadding", encrypted.getMetadataMap().get("encryption-cipher").toStringUtf8());
    String wire = encrypted.toByteString().toString(StandardCharsets.ISO_8859_1);
    assertFalse(wire.contains("sre-alice"), "the note's author is on the wire");
    assertFalse(wire.contains("json/plain"), "the original metadata is on the wire");
    // 12-byte nonce + ciphertext as long as the serialized payload + 16-byte tag
    assertEquals(12 + plain.toByteArray().length + 16, encrypted.getData().size());
    assertEquals(plain, codec.decode(List.of(encrypted)).get(0));
  }

  @Test
  void eachEncryptionUsesAFreshNonce() {
    AesGcmCodec codec = codec("k1", Map.of("k1", randomKey()));
    Payload plain = json(SECRET_NOTE);
    Payload a = codec.encode(List.of(plain)).get(0);
    Payload b = codec.encode(List.of(plain)).get(0);
    assertNotEquals(a.getData().substring(0, 12), b.getData().substring(0, 12));
    assertNotEquals(a.getData(), b.getData());
  }

  @Test
  void aTamperedPayloadFailsWithAClearError() {
    AesGcmCodec codec = codec("k1", Map.of("k1", randomKey()));
    Payload encrypted = codec.encode(List.of(json(SECRET_NOTE))).get(0);
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 20] ^= 0x01; // one bit of the ciphertext
    Payload tampered = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();

    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
    assertEquals(
        "the payload encrypted with key id 'k1' failed authentication (AES-GCM tag mismatch): it"
            + " was altered after it was encrypted, or the key configured as 'k1' is not the one"
            + " that encrypted it",
        e.getMessage());
  }

  @Test
  void aPayloadRelabelledWithAnotherKeyIdFailsAuthentication() {
    SecretKey same = randomKey();
    AesGcmCodec codec = codec("k1", Map.of("k1", same, "k2", same));
    Payload encrypted = codec.encode(List.of(json(SECRET_NOTE))).get(0);
    Payload relabelled =
        encrypted.toBuilder()
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2"))
            .build();
    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(relabelled)));
    assertTrue(e.getMessage().contains("key id 'k2' failed authentication"), e.getMessage());
  }

  @Test
  void aTruncatedPayloadAndOneWithoutKeyIdAreNamed() {
    AesGcmCodec codec = codec("k1", Map.of("k1", randomKey()));
    Payload encrypted = codec.encode(List.of(json(SECRET_NOTE))).get(0);
    Payload truncated = encrypted.toBuilder().setData(encrypted.getData().substring(0, 20)).build();
    assertEquals(
        "the payload encrypted with key id 'k1' is too short (20 bytes) to hold a nonce and a GCM"
            + " tag: it was truncated or altered",
        assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(truncated)))
            .getMessage());
    Payload noId = encrypted.toBuilder().removeMetadata("encryption-key-id").build();
    assertEquals(
        "an encrypted payload (encoding binary/encrypted) has no encryption-key-id metadata: it"
            + " was not written by this codec, or was altered",
        assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(noId))).getMessage());
  }

  @Test
  void anUnknownKeyIdIsNamedWithTheKeysThisProcessHolds() {
    Payload fromElsewhere =
        codec("prod-2031", Map.of("prod-2031", randomKey())).encode(List.of(json("{}"))).get(0);
    AesGcmCodec here = codec("sandbox-1", Map.of("sandbox-1", randomKey()));

    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> here.decode(List.of(fromElsewhere)));
    assertEquals(
        "the payload was encrypted with key id 'prod-2031', which this process does not hold (it"
            + " decrypts with environment key ids sandbox-1): add the key to"
            + " DR_CODEC_DECRYPT_KEYS (id:base64) if it was retired",
        e.getMessage());
  }

  @Test
  void plainPayloadsPassThroughDecodeUnchanged() {
    AesGcmCodec codec = codec("k1", Map.of("k1", randomKey()));
    Payload plain = json(SECRET_NOTE);
    Payload binaryNull =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/null"))
            .build();
    Payload noMetadata = Payload.newBuilder().setData(ByteString.copyFromUtf8("x")).build();

    List<Payload> decoded = codec.decode(List.of(plain, binaryNull, noMetadata));

    assertSame(plain, decoded.get(0));
    assertSame(binaryNull, decoded.get(1));
    assertSame(noMetadata, decoded.get(2));
  }

  @Test
  void rotationEncryptsWithTheNewKeyAndStillDecryptsWhatTheOldOneEncrypted() {
    SecretKey old = randomKey();
    SecretKey fresh = randomKey();
    Payload underOld = codec("2030-01", Map.of("2030-01", old)).encode(List.of(json("a"))).get(0);

    AesGcmCodec rotated = codec("2030-02", Map.of("2030-02", fresh, "2030-01", old));
    Payload underNew = rotated.encode(List.of(json("b"))).get(0);

    assertEquals("2030-02", underNew.getMetadataMap().get("encryption-key-id").toStringUtf8());
    assertEquals(json("a"), rotated.decode(List.of(underOld)).get(0));
    assertEquals(json("b"), rotated.decode(List.of(underNew)).get(0));
    // the old key alone cannot read the new payload: it names the id it lacks
    AesGcmCodec oldOnly = codec("2030-01", Map.of("2030-01", old));
    assertTrue(
        assertThrows(PayloadCodecException.class, () -> oldOnly.decode(List.of(underNew)))
            .getMessage()
            .startsWith("the payload was encrypted with key id '2030-02'"));
  }

  @Test
  void withRetiredKeysOnlyNewPayloadsStayPlainAndOldOnesDecrypt() {
    SecretKey old = randomKey();
    Payload underOld = codec("2030-01", Map.of("2030-01", old)).encode(List.of(json("a"))).get(0);
    AesGcmCodec decryptOnly = codec(null, Map.of("2030-01", old));

    assertEquals(json("b"), decryptOnly.encode(List.of(json("b"))).get(0));
    assertEquals(json("a"), decryptOnly.decode(List.of(underOld)).get(0));
  }
}
