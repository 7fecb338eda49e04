package dev.drrunbooks.bootstrap.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AWS KMS
 * (https://docs.aws.amazon.com/kms/latest/developerguide/kms-cryptography.html#enveloping): each
 * process asks KMS GenerateDataKey (AES_256) under the configured KMS key for a data key, keeps it
 * for {@link #LIFETIME} and writes its encrypted form (CiphertextBlob) into every payload it
 * encrypts; the key id is {@code kms-} and a hash of that blob. A payload from another process is
 * read by asking KMS Decrypt for its data key once, then from a bounded cache. Both calls carry the
 * encryption context {@link #CONTEXT}, so KMS refuses blobs made for another purpose
 * (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html). A KMS key rotated
 * by KMS keeps decrypting what its older key material encrypted; a new KMS key (another
 * DR_CODEC_KMS_KEY_ID) encrypts from the next data key on, and payloads under the old one decrypt
 * as long as this process may still use it (kms:Decrypt).
 *
 * <p>The Java SDK runs codecs on the workflow thread: a KMS call there runs with the deadlock
 * detector off ({@link WorkflowUnsafe#deadlockDetectorOff}), as the SDK provides for blocking data
 * converters.
 */
public final class KmsDataKeys implements KeyRing {
  /** Key ids of KMS data keys start with this; environment key ids never do. */
  public static final String ID_PREFIX = "kms-";

  /** How long one data key encrypts before the next is generated. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  /** The encryption context of every data key (not secret; logged by CloudTrail). */
  public static final Map<String, String> CONTEXT = Map.of("dr-runbooks", "temporal-payload");

  private static final int CACHE_SIZE = 1024;

  private final DataKeyService kms;
  private final String kmsKeyId;
  private final Clock clock;
  private final Map<String, SecretKey> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
          return size() > CACHE_SIZE;
        }
      };
  private DataKey current;
  private Instant currentUntil = Instant.MIN;

  public KmsDataKeys(DataKeyService kms, String kmsKeyId, Clock clock) {
    this.kms = kms;
    this.kmsKeyId = kmsKeyId;
    this.clock = clock;
  }

  @Override
  public synchronized DataKey encryptionKey() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(currentUntil)) {
      DataKeyService.Generated g;
      try {
        g = outsideDeadlockDetection(() -> kms.generate(kmsKeyId, CONTEXT));
      } catch (RuntimeException e) {
        throw new PayloadCodecException(
            "KMS GenerateDataKey under "
                + kmsKeyId
                + " failed, so no payload can be encrypted: "
                + e.getMessage(),
            e);
      }
      String id = idOf(g.encrypted());
      SecretKey key = aes(g.plaintext(), id);
      current =
          new DataKey(
              id, key, Map.of(EncryptedPayloads.DATA_KEY_KEY, ByteString.copyFrom(g.encrypted())));
      currentUntil = now.plus(LIFETIME);
      cache.put(id, key);
    }
    return current;
  }

  @Override
  public Optional<SecretKey> decryptionKey(String keyId, Payload encrypted) {
    if (!keyId.startsWith(ID_PREFIX)) return Optional.empty();
    synchronized (this) {
      SecretKey cached = cache.get(keyId);
      if (cached != null) return Optional.of(cached);
    }
    ByteString blob = encrypted.getMetadataMap().get(EncryptedPayloads.DATA_KEY_KEY);
    if (blob == null || blob.isEmpty())
      throw new PayloadCodecException(
          "the payload encrypted with KMS data key '"
              + keyId
              + "' has no "
              + EncryptedPayloads.DATA_KEY_KEY
              + " metadata: it was altered");
    byte[] wrapped = blob.toByteArray();
    if (!idOf(wrapped).equals(keyId))
      throw new PayloadCodecException(
          "the payload's "
              + EncryptedPayloads.DATA_KEY_KEY
              + " does not match its key id '"
              + keyId
              + "': it was altered");
    byte[] plain;
    try {
      plain = outsideDeadlockDetection(() -> kms.decrypt(wrapped, CONTEXT));
    } catch (RuntimeException e) {
      throw new PayloadCodecException(
          "KMS could not decrypt the data key '"
              + keyId
              + "' of a payload (may this process use kms:Decrypt on the KMS key that"
              + " encrypted it?): "
              + e.getMessage(),
          e);
    }
    SecretKey key = aes(plain, keyId);
    synchronized (this) {
      cache.put(keyId, key);
    }
    return Optional.of(key);
  }

  @Override
  public String describe() {
    return "KMS data keys (" + ID_PREFIX + "…) decrypted through " + kms.describe();
  }

  static String idOf(byte[] encryptedDataKey) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(encryptedDataKey);
      return ID_PREFIX + HexFormat.of().formatHex(h, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static SecretKey aes(byte[] plain, String id) {
    if (plain == null || plain.length != 32)
      throw new PayloadCodecException(
          "KMS returned a data key of "
              + (plain == null ? 0 : plain.length)
              + " bytes for '"
              + id
              + "'; AES-256 needs 32");
    SecretKey key = new SecretKeySpec(plain, "AES");
    Arrays.fill(plain, (byte) 0);
    return key;
  }

  private static <T> T outsideDeadlockDetection(Supplier<T> call) {
    return WorkflowUnsafe.isWorkflowThread()
        ? WorkflowUnsafe.deadlockDetectorOff(call::get)
        : call.get();
  }
}
