package dev.drrunbooks.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.gateway.verify.FreshTimestamp;
import dev.drrunbooks.gateway.verify.GenericSignature;
import dev.drrunbooks.gateway.verify.ReplayGuard;
import dev.drrunbooks.gateway.verify.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code dr-gateway sign}: its curl carries headers the gateway accepts, and never the secret. */
class SignCommandTest {
  private static final String SECRET = "sign-test-secret";

  private static String[] run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SignCommand.run(args, env, new PrintStream(out, true), new PrintStream(err, true));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static String header(String curl, String name) {
    Matcher m = Pattern.compile("-H '" + name + ": ([^']*)'").matcher(curl);
    assertTrue(m.find(), curl);
    return m.group(1);
  }

  @Test
  void printsACurlWhoseSignatureTheGatewayVerifies() {
    String body = "{\"action\":\"note\",\"run\":\"r\",\"who\":\"o'brien\",\"text\":\"hi\"}";
    String[] r =
        run(
            Map.of(Gateway.SHARED_SECRET, SECRET),
            "sign",
            "http://127.0.0.1:8787/v1/generic",
            body);
    assertEquals("0", r[0], r[2]);
    String curl = r[1];
    assertFalse(curl.contains(SECRET), "the secret is never printed");
    assertTrue(curl.startsWith("curl -sS -X POST 'http://127.0.0.1:8787/v1/generic'"), curl);
    assertTrue(curl.contains("--data-binary " + SignCommand.quote(body)), curl);
    Clock clock = Clock.systemUTC();
    new GenericSignature(
            Secret.of("S", SECRET),
            new FreshTimestamp(clock),
            new ReplayGuard(10, Duration.ofMinutes(10), clock))
        .verify(
            header(curl, GenericSignature.TIMESTAMP),
            header(curl, GenericSignature.NONCE),
            header(curl, GenericSignature.SIGNATURE),
            body);
  }

  @Test
  void refusesWithoutTheSecretOrWithTheWrongArguments() {
    String[] noSecret = run(Map.of(), "sign", "http://x", "{}");
    assertEquals("2", noSecret[0]);
    assertTrue(noSecret[2].startsWith(Gateway.SHARED_SECRET + ": not set"), noSecret[2]);
    String[] usage = run(Map.of(Gateway.SHARED_SECRET, SECRET), "sign", "http://x");
    assertEquals("2", usage[0]);
    assertTrue(usage[2].startsWith("usage: dr-gateway sign URL BODY"), usage[2]);
    assertEquals("'it'\\''s'", SignCommand.quote("it's"));
  }
}
