package dev.drrunbooks.starter.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dr doctor says whether this client encrypts payloads, never showing a key. */
class PayloadEncryptionCheckTest {
  static CheckResult check(Map<String, String> env) {
    return new Checks(null, env).payloadEncryption();
  }

  @Test
  void offIsAWarningOnSaysWhichKeyAMistakeFailsNamingTheVariable() {
    CheckResult off = check(Map.of());
    assertEquals(CheckResult.Status.WARN, off.status());
    assertTrue(off.detail().startsWith("payload encryption: OFF"), off.detail());

    String key = Base64.getEncoder().encodeToString(new byte[32]);
    CheckResult on = check(Map.of("DR_CODEC_KEY_ID", "sandbox-1", "DR_CODEC_KEY", key));
    assertEquals(CheckResult.Status.OK, on.status());
    assertTrue(on.detail().contains("key id sandbox-1 from the environment"), on.detail());
    assertFalse(on.detail().contains(key));

    CheckResult bad = check(Map.of("DR_CODEC_KEY", key));
    assertEquals(CheckResult.Status.FAIL, bad.status());
    assertEquals(
        "DR_CODEC_KEY_ID and DR_CODEC_KEY must be set together; found only DR_CODEC_KEY",
        bad.detail());
  }
}
