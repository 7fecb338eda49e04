package dev.drrunbooks.bootstrap.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each payload on its own with AES-256-GCM (JDK javax.crypto, NIST SP 800-38D): a random
 * 96-bit nonce, the whole original payload (metadata and data) as the plaintext and the key id as
 * additional authenticated data, so a payload moved under another key id fails authentication.
 * Decode picks the key by the payload's key id among every ring given (rotation: new payloads use
 * the current key, older ones keep decrypting with theirs) and passes payloads without the
 * encrypted encoding through unchanged: histories recorded before encryption was switched on still
 * read and replay.
 *
 * <p>Temporal applies a codec to every payload the SDK encodes (inputs, results, signals, updates,
 * queries, memos, user metadata), never to search attributes, and to failure messages only when
 * asked (not here: failure messages stay readable): https://docs.temporal.io/payload-codec.
 */
public final class AesGcmCodec implements PayloadCodec {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyRing encrypting;
  private final List<KeyRing> decrypting;

  /**
   * @param encrypting the ring whose current key encrypts; null: payloads are written plain (only
   *     retired keys are configured, to keep reading what they encrypted)
   * @param decrypting every ring decode looks keys up in (the encrypting one first)
   */
  public AesGcmCodec(KeyRing encrypting, List<KeyRing> decrypting) {
    if (decrypting.isEmpty()) throw new IllegalArgumentException("no key ring to decrypt with");
    this.encrypting = encrypting;
    this.decrypting = List.copyOf(decrypting);
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    if (encrypting == null) return payloads;
    DataKey key = encrypting.encryptionKey();
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) out.add(encrypt(key, p));
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload p : payloads) out.add(isEncrypted(p) ? decrypt(p) : p);
    return out;
  }

  /** Whether {@code p} was written by this codec (its encoding is {@code binary/encrypted}). */
  public static boolean isEncrypted(Payload p) {
    ByteString encoding = p.getMetadataMap().get(EncryptedPayloads.ENCODING_KEY);
    return encoding != null && encoding.toStringUtf8().equals(EncryptedPayloads.ENCODING);
  }

  private static Payload encrypt(DataKey key, Payload plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher c = Cipher.getInstance(EncryptedPayloads.CIPHER);
      c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(key.id()));
      sealed = c.doFinal(plain.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "cannot encrypt a payload with key id '" + key.id() + "': " + e.getMessage(), e);
    }
    Payload.Builder b =
        Payload.newBuilder()
            .putMetadata(
                EncryptedPayloads.ENCODING_KEY, ByteString.copyFromUtf8(EncryptedPayloads.ENCODING))
            .putMetadata(
                EncryptedPayloads.CIPHER_KEY, ByteString.copyFromUtf8(EncryptedPayloads.CIPHER))
            .putMetadata(EncryptedPayloads.KEY_ID_KEY, ByteString.copyFromUtf8(key.id()))
            .setData(
                ByteString.copyFrom(
                    ByteBuffer.allocate(nonce.length + sealed.length)
                        .put(nonce)
                        .put(sealed)
                        .flip()));
    key.metadata().forEach(b::putMetadata);
    return b.build();
  }

  private Payload decrypt(Payload encrypted) {
    ByteString idBytes = encrypted.getMetadataMap().get(EncryptedPayloads.KEY_ID_KEY);
    if (idBytes == null || idBytes.isEmpty())
      throw new PayloadCodecException(
          "an encrypted payload (encoding "
              + EncryptedPayloads.ENCODING
              + ") has no "
              + EncryptedPayloads.KEY_ID_KEY
              + " metadata: it was not written by this codec, or was altered");
    String keyId = idBytes.toStringUtf8();
    SecretKey key = find(keyId, encrypted);
    byte[] data = encrypted.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8)
      throw new PayloadCodecException(
          "the payload encrypted with key id '"
              + keyId
              + "' is too short ("
              + data.length
              + " bytes) to hold a nonce and a GCM tag: it was truncated or altered");
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance(EncryptedPayloads.CIPHER);
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      c.updateAAD(aad(keyId));
      plain = c.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "the payload encrypted with key id '"
              + keyId
              + "' failed authentication (AES-GCM tag mismatch): it was altered after it was"
              + " encrypted, or the key configured as '"
              + keyId
              + "' is not the one that encrypted it",
          e);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          "cannot decrypt the payload encrypted with key id '" + keyId + "': " + e.getMessage(), e);
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "the payload encrypted with key id '"
              + keyId
              + "' decrypted to something that is not a Temporal payload",
          e);
    }
  }

  private SecretKey find(String keyId, Payload encrypted) {
    for (KeyRing ring : decrypting) {
      Optional<SecretKey> key = ring.decryptionKey(keyId, encrypted);
      if (key.isPresent()) return key.get();
    }
    String held = decrypting.stream().map(KeyRing::describe).collect(Collectors.joining("; "));
    String hint =
        keyId.startsWith(KmsDataKeys.ID_PREFIX)
            ? "it is a KMS data key: set DR_CODEC_KMS_KEY_ID so this process asks KMS to decrypt"
                + " it"
            : "add the key to DR_CODEC_DECRYPT_KEYS (id:base64) if it was retired";
    throw new PayloadCodecException(
        "the payload was encrypted with key id '"
            + keyId
            + "', which this process does not hold (it decrypts with "
            + held
            + "): "
            + hint);
  }

  private static byte[] aad(String keyId) {
    return keyId.getBytes(StandardCharsets.UTF_8);
  }
}
