package dev.drrunbooks.bootstrap.codec;

import java.util.Map;

/**
 * The two KMS operations envelope encryption needs (implemented by {@link AwsKms}; tests give a
 * fake): a new data key, and a data key's encrypted form decrypted again.
 */
public interface DataKeyService {
  /**
   * A new 256-bit data key, plain and encrypted under the KMS key {@code kmsKeyId}.
   *
   * @param kmsKeyId a key id, key ARN, alias name or alias ARN
   */
  Generated generate(String kmsKeyId, Map<String, String> context);

  /** The plain data key of {@code encrypted}, which {@link #generate} returned. */
  byte[] decrypt(byte[] encrypted, Map<String, String> context);

  /** What the service describes itself as in logs (its endpoint), never a key. */
  String describe();

  /** A generated data key: plaintext, the encrypted copy, and the ARN of the KMS key used. */
  record Generated(byte[] plaintext, byte[] encrypted, String kmsKeyArn) {
    @Override
    public String toString() {
      return "Generated[under " + kmsKeyArn + "]"; // never the key
    }
  }
}
