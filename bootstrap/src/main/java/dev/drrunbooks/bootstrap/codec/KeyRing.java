package dev.drrunbooks.bootstrap.codec;

import io.temporal.api.common.v1.Payload;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where payload keys come from: the environment ({@link EnvironmentKeys}) or KMS ({@link
 * KmsDataKeys}).
 */
public interface KeyRing {
  /** The key new payloads are encrypted with. */
  DataKey encryptionKey();

  /**
   * The key payloads with {@code keyId} were encrypted with, or empty when this ring does not hold
   * it.
   *
   * @param encrypted the payload, whose metadata may carry what the ring needs (a KMS data key)
   * @throws io.temporal.payload.codec.PayloadCodecException when the ring should hold the key but
   *     cannot get it (KMS refused)
   */
  Optional<SecretKey> decryptionKey(String keyId, Payload encrypted);

  /** What this ring decrypts, for messages: key ids, or "KMS data keys". Never a key. */
  String describe();
}
