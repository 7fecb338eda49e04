package dev.drrunbooks.bootstrap.codec;

import com.google.protobuf.ByteString;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * A 256-bit AES key that encrypts payloads, its id (written into each payload's metadata) and any
 * further metadata every payload it encrypts carries (a KMS data key's encrypted form).
 */
public record DataKey(String id, SecretKey key, Map<String, ByteString> metadata) {
  public DataKey {
    metadata = Map.copyOf(metadata);
  }

  @Override
  public String toString() {
    return "DataKey[" + id + "]"; // never the key
  }
}
