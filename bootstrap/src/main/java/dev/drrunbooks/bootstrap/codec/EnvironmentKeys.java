package dev.drrunbooks.bootstrap.codec;

import io.temporal.api.common.v1.Payload;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Payload keys given in the environment (the sandbox, or a deployment without KMS): one current key
 * that encrypts (DR_CODEC_KEY_ID, DR_CODEC_KEY: base64 of 32 bytes) and retired ones that only
 * decrypt (DR_CODEC_DECRYPT_KEYS: {@code id:base64,id:base64}). Errors name the variable and the
 * key id, never a key.
 */
public final class EnvironmentKeys implements KeyRing {
  /** Key ids: short, printable, and never mistaken for a KMS data key's. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String currentId;
  private final Map<String, SecretKey> keys;

  /**
   * @param currentId the id of the key that encrypts, one of {@code keys}; null: decrypt only
   * @param keys every key by id
   */
  public EnvironmentKeys(String currentId, Map<String, SecretKey> keys) {
    if (currentId != null && !keys.containsKey(currentId))
      throw new IllegalArgumentException("no key with the current id '" + currentId + "'");
    this.currentId = currentId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * Reads the keys: the current one when {@code id} and {@code key} are given, and the retired ones
   * in {@code decryptOnly}.
   *
   * @throws IllegalArgumentException naming the variable when one is malformed
   */
  static EnvironmentKeys parse(String id, String key, String decryptOnly) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String current = null;
    if (id != null || key != null) {
      if (id == null || key == null)
        throw new IllegalArgumentException(
            "DR_CODEC_KEY_ID and DR_CODEC_KEY must be set together; found only "
                + (id == null ? "DR_CODEC_KEY" : "DR_CODEC_KEY_ID"));
      current = checkId("DR_CODEC_KEY_ID", id);
      keys.put(current, aesKey("DR_CODEC_KEY", current, key));
    }
    if (decryptOnly != null) {
      for (String entry : decryptOnly.split(",")) {
        String e = entry.trim();
        if (e.isEmpty()) continue;
        int colon = e.indexOf(':');
        if (colon < 0)
          throw new IllegalArgumentException(
              "DR_CODEC_DECRYPT_KEYS: an entry has no ':'; expected id:base64-key,"
                  + " comma-separated");
        String kid = checkId("DR_CODEC_DECRYPT_KEYS", e.substring(0, colon).trim());
        if (keys.containsKey(kid))
          throw new IllegalArgumentException(
              "DR_CODEC_DECRYPT_KEYS: key id '" + kid + "' is given twice");
        keys.put(kid, aesKey("DR_CODEC_DECRYPT_KEYS", kid, e.substring(colon + 1).trim()));
      }
    }
    return new EnvironmentKeys(current, keys);
  }

  boolean encrypts() {
    return currentId != null;
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  @Override
  public DataKey encryptionKey() {
    if (currentId == null) throw new IllegalStateException("no current key: decrypt only");
    return new DataKey(currentId, keys.get(currentId), Map.of());
  }

  @Override
  public Optional<SecretKey> decryptionKey(String keyId, Payload encrypted) {
    return Optional.ofNullable(keys.get(keyId));
  }

  @Override
  public String describe() {
    return "environment key ids " + String.join(", ", keys.keySet());
  }

  private static String checkId(String variable, String id) {
    if (!ID.matcher(id).matches() || id.startsWith(KmsDataKeys.ID_PREFIX))
      throw new IllegalArgumentException(
          variable
              + ": key id '"
              + id
              + "' is not valid; allowed: 1 to 64 of A-Z a-z 0-9 . _ -, not starting with '"
              + KmsDataKeys.ID_PREFIX
              + "'");
    return id;
  }

  private static SecretKey aesKey(String variable, String id, String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          variable + ": the key of id '" + id + "' is not base64 (expected 32 random bytes)");
    }
    if (raw.length != 32)
      throw new IllegalArgumentException(
          variable
              + ": the key of id '"
              + id
              + "' is "
              + raw.length
              + " bytes; AES-256 needs 32 (e.g. openssl rand -base64 32)");
    return new SecretKeySpec(raw, "AES");
  }
}
