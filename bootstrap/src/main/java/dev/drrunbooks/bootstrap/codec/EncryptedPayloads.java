package dev.drrunbooks.bootstrap.codec;

/**
 * The shape of an encrypted payload, as {@link AesGcmCodec} writes it and the remote codec server
 * reads it. The names follow Temporal's encryption sample (metadata {@code encoding:
 * binary/encrypted}, {@code encryption-cipher}, {@code encryption-key-id}; see
 * https://docs.temporal.io/payload-codec): the data is a 96-bit nonce followed by the AES-256-GCM
 * ciphertext (with its 128-bit tag) of the original payload, metadata and data, serialized.
 */
public final class EncryptedPayloads {
  /** The {@code encoding} metadata of an encrypted payload; any other encoding is plain. */
  public static final String ENCODING = "binary/encrypted";

  public static final String ENCODING_KEY = "encoding";
  public static final String CIPHER_KEY = "encryption-cipher";
  public static final String CIPHER = "AES/GCM/NoPadding";

  /** Which key encrypted the payload: decode picks the key by this id. */
  public static final String KEY_ID_KEY = "encryption-key-id";

  /**
   * A KMS data key's encrypted form (KMS GenerateDataKey's CiphertextBlob), carried by payloads
   * encrypted under a KMS data key so that any process allowed kms:Decrypt can read them.
   */
  public static final String DATA_KEY_KEY = "encryption-data-key";

  private EncryptedPayloads() {}
}
