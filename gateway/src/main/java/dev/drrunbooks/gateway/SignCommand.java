package dev.drrunbooks.gateway;

import dev.drrunbooks.gateway.verify.GenericSignature;
import dev.drrunbooks.gateway.verify.Secret;
import dev.drrunbooks.gateway.verify.SecretsManagerSecrets;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code dr-gateway sign URL BODY}: prints a curl command that sends BODY to the generic endpoint
 * at URL, signed with DR_GATEWAY_SHARED_SECRET (read from the environment, never printed: only the
 * signature is) with a fresh timestamp and nonce. Valid for 5 minutes, once.
 */
final class SignCommand {
  private SignCommand() {}

  /**
   * @return the exit code: 0, or 2 on a usage error or a missing secret
   */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length != 3) {
      err.println(
          "usage: dr-gateway sign URL BODY   (e.g. sign http://127.0.0.1:8787/v1/generic"
              + " '{\"action\":\"approve\",\"run\":\"...\",\"step\":\"...\",\"who\":\"me\","
              + "\"why\":\"...\"}')");
      return 2;
    }
    Secret secret =
        Secret.fromEnv(env, Gateway.SHARED_SECRET, SecretsManagerSecrets.fromEnvironment())
            .orElse(null);
    if (secret == null) {
      err.println(Gateway.SHARED_SECRET + ": not set; the gateway's shared secret signs the body");
      return 2;
    }
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String nonce = HexFormat.of().formatHex(random);
    String body = args[2];
    out.println(
        "curl -sS -X POST "
            + quote(args[1])
            + " -H 'Content-Type: application/json' -H "
            + quote(GenericSignature.TIMESTAMP + ": " + timestamp)
            + " -H "
            + quote(GenericSignature.NONCE + ": " + nonce)
            + " -H "
            + quote(
                GenericSignature.SIGNATURE
                    + ": "
                    + GenericSignature.sign(secret, timestamp, nonce, body))
            + " --data-binary "
            + quote(body));
    return 0;
  }

  /** A POSIX shell single-quoted word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
