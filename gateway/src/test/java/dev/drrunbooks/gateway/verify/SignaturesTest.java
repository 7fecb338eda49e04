package dev.drrunbooks.gateway.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.gateway.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every refusal of the three HMAC schemes, and the timestamp window's edges. */
class SignaturesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
  private static final String TS = Long.toString(NOW.getEpochSecond());
  private static final String NONCE = "0123456789abcdef";
  private static final String BODY = "{\"action\":\"approve\"}";
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Secret secret = Secret.of("DR_GATEWAY_SHARED_SECRET", "s3cret");
  private final Secret wrong = Secret.of("OTHER", "guess");
  private final FreshTimestamp fresh = new FreshTimestamp(clock);
  private final ReplayGuard replays = new ReplayGuard(100, Duration.ofMinutes(10), clock);

  private static void refused(int status, String start, Executable e) {
    Refusal r = assertThrows(Refusal.class, e);
    assertEquals(status, r.status(), r.reason());
    assertTrue(r.reason().startsWith(start), r.reason());
  }

  @Test
  void hmacIsTheKnownVectorAndComparesCaseInsensitively() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    String hex = HmacSha256.hex(Secret.of("K", "Jefe"), "what do ya want for nothing?");
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hex);
    assertTrue(HmacSha256.matches(hex, hex.toUpperCase()));
    assertTrue(!HmacSha256.matches(hex, null));
    assertTrue(!HmacSha256.matches(hex, hex.substring(1)));
  }

  @Test
  void aSecretNeverPrintsItsValue() {
    assertEquals("<secret DR_GATEWAY_SHARED_SECRET>", secret.toString());
    assertTrue(Secret.fromEnv(java.util.Map.of("X", "  "), "X").isEmpty());
    assertEquals(1, Secret.fromEnv(java.util.Map.of("X", " s "), "X").orElseThrow().bytes().length);
  }

  @Test
  void aSecretGivenAsASecretsManagerArnIsReadThroughIt() {
    String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dr-gateway-AbCd";
    java.util.List<String> asked = new java.util.ArrayList<>();
    Secret s =
        Secret.fromEnv(
                java.util.Map.of("S", arn),
                "S",
                a -> {
                  asked.add(a);
                  return " v ";
                })
            .orElseThrow();
    assertEquals(java.util.List.of(arn), asked);
    assertEquals(1, s.bytes().length);
    assertEquals(
        "plain",
        new String(
            Secret.fromEnv(
                    java.util.Map.of("S", "plain"),
                    "S",
                    a -> {
                      throw new AssertionError(a);
                    })
                .orElseThrow()
                .bytes()));
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> Secret.fromEnv(java.util.Map.of("S", arn), "S", a -> " "));
    assertEquals("S: the secret " + arn + " is empty", empty.getMessage());
    IllegalArgumentException noClient =
        assertThrows(
            IllegalArgumentException.class, () -> Secret.fromEnv(java.util.Map.of("S", arn), "S"));
    assertTrue(noClient.getMessage().startsWith("S: a Secrets Manager ARN"), noClient.getMessage());
    assertTrue(!Secret.isArn("arn:aws:iam::1:role/x"));
    assertTrue(!Secret.isArn(null));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SecretsManagerSecrets(null, null).apply("arn:aws:secretsmanager:"));
    assertTrue(bad.getMessage().contains("is not a Secrets Manager ARN"), bad.getMessage());
  }

  @Test
  void timestampsOutsideFiveMinutesEitherWayAreRefused() {
    assertEquals(
        NOW.getEpochSecond() - 300, fresh.check("T", Long.toString(NOW.getEpochSecond() - 300)));
    fresh.check("T", Long.toString(NOW.getEpochSecond() + 300));
    refused(401, "T: ", () -> fresh.check("T", Long.toString(NOW.getEpochSecond() - 301)));
    refused(401, "T: ", () -> fresh.check("T", Long.toString(NOW.getEpochSecond() + 301)));
    refused(401, "T: missing", () -> fresh.check("T", null));
    refused(401, "T: missing", () -> fresh.check("T", " "));
    refused(401, "T: 'soon' is not Unix seconds", () -> fresh.check("T", "soon"));
  }

  @Test
  void genericAcceptsItsOwnSignatureOnceAndRefusesEachFault() {
    GenericSignature g = new GenericSignature(secret, fresh, replays);
    String sig = GenericSignature.sign(secret, TS, NONCE, BODY);
    refused(401, "X-DR-Signature", () -> g.verify(TS, NONCE, sig, BODY + " "));
    refused(
        401,
        "X-DR-Signature",
        () -> g.verify(TS, NONCE, GenericSignature.sign(wrong, TS, NONCE, BODY), BODY));
    refused(401, "X-DR-Signature", () -> g.verify(TS, NONCE, null, BODY));
    String old = Long.toString(NOW.getEpochSecond() - 301);
    refused(
        401,
        "X-DR-Timestamp",
        () -> g.verify(old, NONCE, GenericSignature.sign(secret, old, NONCE, BODY), BODY));
    refused(
        401,
        "X-DR-Nonce",
        () -> g.verify(TS, "short", GenericSignature.sign(secret, TS, "short", BODY), BODY));
    refused(401, "X-DR-Nonce", () -> g.verify(TS, null, sig, BODY));
    g.verify(TS, NONCE, sig, BODY); // refusals above did not use the nonce up
    refused(409, "replay", () -> g.verify(TS, NONCE, sig, BODY));
  }

  @Test
  void slackAcceptsItsOwnSignatureOnceAndRefusesEachFault() {
    SlackSignature s = new SlackSignature(secret, fresh, replays);
    String sig = SlackSignature.sign(secret, TS, BODY);
    assertTrue(sig.startsWith("v0="));
    refused(401, "X-Slack-Signature", () -> s.verify(TS, sig, BODY + "x"));
    refused(
        401, "X-Slack-Signature", () -> s.verify(TS, SlackSignature.sign(wrong, TS, BODY), BODY));
    String old = Long.toString(NOW.getEpochSecond() - 301);
    refused(
        401,
        "X-Slack-Request-Timestamp",
        () -> s.verify(old, SlackSignature.sign(secret, old, BODY), BODY));
    s.verify(TS, sig, BODY);
    refused(409, "replay", () -> s.verify(TS, sig, BODY));
  }

  @Test
  void pagerDutyAcceptsAnyOneMatchingSignatureOfSeveral() {
    PagerDutySignature p = new PagerDutySignature(secret);
    String good = PagerDutySignature.sign(secret, BODY);
    p.verify(good, BODY);
    p.verify(PagerDutySignature.sign(wrong, BODY) + ", " + good, BODY);
    refused(
        401,
        "X-PagerDuty-Signature: no signature",
        () -> p.verify(PagerDutySignature.sign(wrong, BODY), BODY));
    refused(401, "X-PagerDuty-Signature: no signature", () -> p.verify(good, BODY + " "));
    refused(401, "X-PagerDuty-Signature: missing", () -> p.verify(null, BODY));
    refused(401, "X-PagerDuty-Signature: missing", () -> p.verify("", BODY));
  }
}
