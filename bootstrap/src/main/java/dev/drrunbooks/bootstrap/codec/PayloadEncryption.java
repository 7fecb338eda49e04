package dev.drrunbooks.bootstrap.codec;

import dev.drrunbooks.payload.DrDataConverter;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether, and with which keys, a process encrypts its Temporal payloads, from its environment:
 *
 * <ul>
 *   <li>DR_CODEC_KMS_KEY_ID (production): data keys from AWS KMS under this KMS key ({@link
 *       KmsDataKeys});
 *   <li>or DR_CODEC_KEY_ID and DR_CODEC_KEY (the sandbox): one key from the environment, base64 of
 *       32 bytes ({@link EnvironmentKeys});
 *   <li>DR_CODEC_DECRYPT_KEYS ({@code id:base64,...}): retired environment keys, decrypt only.
 * </ul>
 *
 * Nothing set: off, payloads stay plain JSON (and {@link #describe} says so). Either way decoding
 * passes plain payloads through, so histories from before stay readable.
 */
public final class PayloadEncryption {
  public static final String KMS_KEY_ID = "DR_CODEC_KMS_KEY_ID";
  public static final String KEY_ID = "DR_CODEC_KEY_ID";
  public static final String KEY = "DR_CODEC_KEY";
  public static final String DECRYPT_KEYS = "DR_CODEC_DECRYPT_KEYS";

  private static final PayloadEncryption OFF =
      new PayloadEncryption(
          null,
          "payload encryption: OFF, histories hold clear JSON (set "
              + KMS_KEY_ID
              + ", or "
              + KEY_ID
              + " and "
              + KEY
              + ", to encrypt)");
  private static PayloadEncryption process;

  private final PayloadCodec codec;
  private final DataConverter converter;
  private final String description;

  private PayloadEncryption(PayloadCodec codec, String description) {
    this.codec = codec;
    this.description = description;
    this.converter =
        codec == null
            ? DrDataConverter.get()
            : new CodecDataConverter(DrDataConverter.get(), List.of(codec));
  }

  public static PayloadEncryption off() {
    return OFF;
  }

  /** This process's, from its environment, read once (one KMS data key and cache per process). */
  public static synchronized PayloadEncryption process() {
    if (process == null) process = fromEnvironment(System.getenv());
    return process;
  }

  /**
   * @throws IllegalArgumentException naming the variable when the configuration is wrong
   */
  public static PayloadEncryption fromEnvironment(Map<String, String> env) {
    String kmsKeyId = value(env, KMS_KEY_ID);
    return fromEnvironment(
        env, kmsKeyId == null ? null : AwsKms.forKey(kmsKeyId, env), Clock.systemUTC());
  }

  /** As {@link #fromEnvironment(Map)}, with the KMS to use when DR_CODEC_KMS_KEY_ID is set. */
  static PayloadEncryption fromEnvironment(
      Map<String, String> env, DataKeyService kms, Clock clock) {
    String kmsKeyId = value(env, KMS_KEY_ID);
    String keyId = value(env, KEY_ID);
    String key = value(env, KEY);
    if (kmsKeyId != null && (keyId != null || key != null))
      throw new IllegalArgumentException(
          "set either "
              + KMS_KEY_ID
              + " (data keys from AWS KMS) or "
              + KEY_ID
              + " with "
              + KEY
              + " (a key from the environment), not both; retired environment keys go to "
              + DECRYPT_KEYS);
    EnvironmentKeys envKeys = EnvironmentKeys.parse(keyId, key, value(env, DECRYPT_KEYS));
    KeyRing encrypting = null;
    List<KeyRing> decrypting = new ArrayList<>();
    String how;
    if (kmsKeyId != null) {
      KmsDataKeys kmsKeys = new KmsDataKeys(kms, kmsKeyId, clock);
      encrypting = kmsKeys;
      decrypting.add(kmsKeys);
      how = "data keys from KMS key " + kmsKeyId + " (" + kms.describe() + ")";
    } else if (envKeys.encrypts()) {
      encrypting = envKeys;
      how = "key id " + envKeys.encryptionKey().id() + " from the environment";
    } else if (!envKeys.isEmpty()) {
      how = "nothing: payloads are written plain (no " + KMS_KEY_ID + " or " + KEY_ID + ")";
    } else {
      return OFF;
    }
    if (!envKeys.isEmpty()) decrypting.add(envKeys);
    String description =
        "payload encryption: AES-256-GCM, encrypting with "
            + how
            + "; decrypting "
            + String.join("; ", decrypting.stream().map(KeyRing::describe).toList())
            + "; plain payloads read as they are";
    return new PayloadEncryption(new AesGcmCodec(encrypting, decrypting), description);
  }

  public boolean on() {
    return codec != null;
  }

  public Optional<PayloadCodec> codec() {
    return Optional.ofNullable(codec);
  }

  /** The clients' data converter: {@link DrDataConverter}, wrapped in the codec when on. */
  public DataConverter dataConverter() {
    return converter;
  }

  /** One line for start-up logs: on or off, which keys; never a key. */
  public String describe() {
    return description;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
