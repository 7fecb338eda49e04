package dev.drrunbooks.bootstrap.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.payload.DrDataConverter;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payload encryption switched on, or not, by the environment, and installed in client options. */
class PayloadEncryptionTest {
  static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
  static final String KEY_B =
      Base64.getEncoder()
          .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

  record Note(String who, String text) {}

  static PayloadEncryption from(Map<String, String> env) {
    return PayloadEncryption.fromEnvironment(env, null, Clock.systemUTC());
  }

  @Test
  void nothingConfiguredIsOffAndSaysSo() {
    PayloadEncryption off = from(Map.of());
    assertFalse(off.on());
    assertSame(DrDataConverter.get(), off.dataConverter());
    assertEquals(
        "payload encryption: OFF, histories hold clear JSON (set DR_CODEC_KMS_KEY_ID, or"
            + " DR_CODEC_KEY_ID and DR_CODEC_KEY, to encrypt)",
        off.describe());
  }

  @Test
  void anEnvironmentKeyEncryptsEveryPayloadTheClientWritesAndReadsPlainOnesToo() {
    PayloadEncryption on = from(Map.of("DR_CODEC_KEY_ID", "sandbox-1", "DR_CODEC_KEY", KEY_A));
    assertTrue(on.on());
    assertEquals(
        "payload encryption: AES-256-GCM, encrypting with key id sandbox-1 from the environment;"
            + " decrypting environment key ids sandbox-1; plain payloads read as they are",
        on.describe());
    DataConverter converter = DrClientOptions.forNamespace("dr", on).getDataConverter();
    Note note = new Note("sre-alice", "restored from snap-42");

    Payload p = converter.toPayload(note).orElseThrow();

    assertEquals("binary/encrypted", p.getMetadataMap().get("encoding").toStringUtf8());
    assertFalse(p.toByteString().toString(StandardCharsets.ISO_8859_1).contains("sre-alice"));
    assertEquals(note, converter.fromPayload(p, Note.class, Note.class));
    Payload plain = DrDataConverter.get().toPayload(note).orElseThrow();
    assertEquals(note, converter.fromPayload(plain, Note.class, Note.class));
  }

  @Test
  void withEncryptionTheClientIdentityNoLongerNamesTheApprover() {
    PayloadEncryption on = from(Map.of("DR_CODEC_KEY_ID", "sandbox-1", "DR_CODEC_KEY", KEY_A));
    Approver alice = new Approver("operator:sre-alice", "dr approve");
    WorkflowClientOptions encrypted =
        DrClientOptions.answeringAs(DrClientOptions.forNamespace("dr", on), alice);
    WorkflowClientOptions plain =
        DrClientOptions.answeringAs(
            DrClientOptions.forNamespace("dr", PayloadEncryption.off()), alice);

    assertEquals("operator:sre-alice (dr approve)", plain.getIdentity());
    // the SDK's default (pid@host) then, set when the client is made
    assertEquals(null, encrypted.getIdentity());
  }

  @Test
  void retiredKeysAloneDecryptButWritePlain() {
    PayloadEncryption retiring =
        from(Map.of("DR_CODEC_DECRYPT_KEYS", "old-1:" + KEY_A + ", old-2:" + KEY_B));
    assertTrue(retiring.on());
    assertTrue(retiring.describe().contains("encrypting with nothing"), retiring.describe());
    PayloadEncryption writer = from(Map.of("DR_CODEC_KEY_ID", "old-2", "DR_CODEC_KEY", KEY_B));
    Note note = new Note("bob", "x");
    Payload p = writer.dataConverter().toPayload(note).orElseThrow();
    assertEquals(note, retiring.dataConverter().fromPayload(p, Note.class, Note.class));
    assertEquals(
        "json/plain",
        retiring
            .dataConverter()
            .toPayload(note)
            .orElseThrow()
            .getMetadataMap()
            .get("encoding")
            .toStringUtf8());
  }

  @Test
  void badConfigurationIsNamedByVariableNeverShowingAKey() {
    String notBase64 = "not base64 at all!";
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    Map<Map<String, String>, String> cases = new HashMap<>();
    cases.put(
        Map.of("DR_CODEC_KEY_ID", "k"),
        "DR_CODEC_KEY_ID and DR_CODEC_KEY must be set together; found only DR_CODEC_KEY_ID");
    cases.put(
        Map.of("DR_CODEC_KEY", KEY_A),
        "DR_CODEC_KEY_ID and DR_CODEC_KEY must be set together; found only DR_CODEC_KEY");
    cases.put(
        Map.of("DR_CODEC_KEY_ID", "k", "DR_CODEC_KEY", notBase64),
        "DR_CODEC_KEY: the key of id 'k' is not base64 (expected 32 random bytes)");
    cases.put(
        Map.of("DR_CODEC_KEY_ID", "k", "DR_CODEC_KEY", shortKey),
        "DR_CODEC_KEY: the key of id 'k' is 16 bytes; AES-256 needs 32 (e.g. openssl rand -base64"
            + " 32)");
    cases.put(
        Map.of("DR_CODEC_KEY_ID", "kms-1", "DR_CODEC_KEY", KEY_A),
        "DR_CODEC_KEY_ID: key id 'kms-1' is not valid; allowed: 1 to 64 of A-Z a-z 0-9 . _ -, not"
            + " starting with 'kms-'");
    cases.put(
        Map.of("DR_CODEC_DECRYPT_KEYS", KEY_A),
        "DR_CODEC_DECRYPT_KEYS: an entry has no ':'; expected id:base64-key, comma-separated");
    cases.put(
        Map.of("DR_CODEC_DECRYPT_KEYS", "a:" + KEY_A + ",a:" + KEY_B),
        "DR_CODEC_DECRYPT_KEYS: key id 'a' is given twice");
    cases.put(
        Map.of("DR_CODEC_KMS_KEY_ID", "alias/dr", "DR_CODEC_KEY_ID", "k", "DR_CODEC_KEY", KEY_A),
        "set either DR_CODEC_KMS_KEY_ID (data keys from AWS KMS) or DR_CODEC_KEY_ID with"
            + " DR_CODEC_KEY (a key from the environment), not both; retired environment keys go to"
            + " DR_CODEC_DECRYPT_KEYS");
    cases.forEach(
        (env, expected) -> {
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> from(env), env.toString());
          assertEquals(expected, e.getMessage());
          for (String v : env.values())
            if (v.length() > 8) assertFalse(e.getMessage().contains(v), e.getMessage());
        });
  }
}
