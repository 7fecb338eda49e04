package dev.drrunbooks.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.gateway.http.GatewayServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The codec endpoint over HTTP: Temporal's remote codec protocol, who is authorised (a listed token
 * as bearer, or the session its login set), CORS for the UI's origin only, one namespace.
 */
class CodecEndpointTest {
  static final String ALICE = "alice-token-0123456789abcdef";
  static final String UI = "http://127.0.0.1:8233";
  static final String NOTE = "{\"who\":\"sre-alice\",\"text\":\"restored from snap-42\"}";

  final PayloadCodec codec =
      PayloadEncryption.fromEnvironment(
              Map.of(
                  "DR_CODEC_KEY_ID",
                  "test-1",
                  "DR_CODEC_KEY",
                  Base64.getEncoder().encodeToString(new byte[32])))
          .codec()
          .orElseThrow();
  Instant now = Instant.parse("2031-03-01T10:00:00Z");
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  GatewayServer server;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    CodecUsers users = CodecUsers.parse("alice:" + ALICE + ", ci-bot:" + "b".repeat(30));
    CodecEndpoint endpoint =
        new CodecEndpoint(codec, users, new CodecSession(users, clock), "default", Set.of(UI));
    server = new GatewayServer(Map.of(), endpoint::addTo);
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Payload json(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text))
        .build();
  }

  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String encrypted(String text) {
    return PayloadsJson.write(codec.encode(List.of(json(text))));
  }

  @Test
  void aBearerOfAListedTokenDecodesAndEncodes() throws Exception {
    HttpResponse<String> decoded =
        post(
            "/codec/decode",
            encrypted(NOTE),
            "Authorization",
            "Bearer " + ALICE,
            "X-Namespace",
            "default",
            "Content-Type",
            "application/json");
    assertEquals(200, decoded.statusCode(), decoded.body());
    assertEquals(List.of(json(NOTE)), PayloadsJson.read(decoded.body()));

    HttpResponse<String> encoded =
        post(
            "/codec/encode",
            PayloadsJson.write(List.of(json(NOTE))),
            "Authorization",
            "Bearer " + ALICE);
    assertEquals(200, encoded.statusCode(), encoded.body());
    assertFalse(encoded.body().contains(Base64.getEncoder().encodeToString(NOTE.getBytes())));
    assertEquals(List.of(json(NOTE)), codec.decode(PayloadsJson.read(encoded.body())));
  }

  @Test
  void withoutAListedTokenNothingIsDecoded() throws Exception {
    for (String[] headers :
        List.of(
            new String[] {"X-Namespace", "default"},
            new String[] {"Authorization", "Bearer not-a-token-0123456789abcdef"},
            new String[] {"Authorization", "Basic " + ALICE},
            new String[] {"Cookie", "dr_codec_session=alice.9999999999.00"})) {
      HttpResponse<String> r = post("/codec/decode", encrypted(NOTE), headers);
      assertEquals(401, r.statusCode(), String.join(" ", headers) + " -> " + r.body());
      assertEquals(
          "{\"error\":\"Unauthorized\",\"reason\":\"not authorised: send Authorization: Bearer"
              + " <your codec token>, or log in at /codec/login (browsers)\"}",
          r.body());
      assertEquals(
          Optional.of("Bearer realm=\"dr-codec\""), r.headers().firstValue("WWW-Authenticate"));
    }
  }

  @Test
  void theLoginSessionAuthorisesTheBrowserUntilItExpires() throws Exception {
    HttpResponse<String> wrong =
        post("/codec/login", "token=guess", "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

    HttpResponse<String> ok =
        post("/codec/login", "token=" + ALICE, "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("Logged in as alice"), ok.body());
    String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(
        setCookie.endsWith("; Path=/codec; Max-Age=28800; HttpOnly; SameSite=Strict"), setCookie);
    assertFalse(setCookie.contains(ALICE), "the cookie holds the token");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> decoded =
        post("/codec/decode", encrypted(NOTE), "Cookie", cookie, "Origin", UI);
    assertEquals(200, decoded.statusCode(), decoded.body());
    assertEquals(List.of(json(NOTE)), PayloadsJson.read(decoded.body()));
    assertEquals(Optional.of(UI), decoded.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(
        Optional.of("true"), decoded.headers().firstValue("Access-Control-Allow-Credentials"));

    String forged = cookie.replace("alice.", "ci-bot.");
    assertEquals(401, post("/codec/decode", encrypted(NOTE), "Cookie", forged).statusCode());

    now = now.plus(CodecSession.LIFETIME);
    assertEquals(401, post("/codec/decode", encrypted(NOTE), "Cookie", cookie).statusCode());
  }

  @Test
  void corsAnswersTheUisOriginOnlyWithCredentialsAllowed() throws Exception {
    HttpResponse<String> preflight =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/codec/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, preflight.statusCode());
    assertEquals(Optional.of(UI), preflight.headers().firstValue("Access-Control-Allow-Origin"));
    assertEquals(
        Optional.of("true"), preflight.headers().firstValue("Access-Control-Allow-Credentials"));
    assertEquals(
        Optional.of("Content-Type, X-Namespace, Authorization"),
        preflight.headers().firstValue("Access-Control-Allow-Headers"));

    HttpResponse<String> elsewhere =
        post(
            "/codec/decode",
            encrypted(NOTE),
            "Origin",
            "https://evil.example",
            "Authorization",
            "Bearer " + ALICE);
    assertEquals(403, elsewhere.statusCode());
    assertTrue(elsewhere.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    assertTrue(elsewhere.body().contains("origin https://evil.example is not allowed"));
  }

  @Test
  void anotherNamespaceABadBodyAndATamperedPayloadAreRefusedWithTheirReason() throws Exception {
    HttpResponse<String> ns =
        post(
            "/codec/decode",
            encrypted(NOTE),
            "Authorization",
            "Bearer " + ALICE,
            "X-Namespace",
            "payments-prod");
    assertEquals(403, ns.statusCode());
    assertTrue(ns.body().contains("namespace payments-prod is not served here"), ns.body());

    HttpResponse<String> bad = post("/codec/decode", "[1,2]", "Authorization", "Bearer " + ALICE);
    assertEquals(400, bad.statusCode());

    Payload p = codec.encode(List.of(json(NOTE))).get(0);
    byte[] data = p.getData().toByteArray();
    data[20] ^= 1;
    String tampered =
        PayloadsJson.write(List.of(p.toBuilder().setData(ByteString.copyFrom(data)).build()));
    HttpResponse<String> t = post("/codec/decode", tampered, "Authorization", "Bearer " + ALICE);
    assertEquals(400, t.statusCode());
    assertTrue(t.body().contains("key id 'test-1' failed authentication"), t.body());
  }

  @Test
  void theUserListIsCheckedAtStartNeverEchoingAToken() {
    assertEquals(
        "DR_CODEC_SERVER_TOKENS: the token of 'bob' is shorter than 24 characters",
        assertThrows(IllegalArgumentException.class, () -> CodecUsers.parse("bob:short"))
            .getMessage());
    assertEquals(
        "DR_CODEC_SERVER_TOKENS: entry 2 is not name:token (name: 1 to 64 of A-Z a-z 0-9 . _ @ -)",
        assertThrows(
                IllegalArgumentException.class, () -> CodecUsers.parse("a:" + ALICE + "," + ALICE))
            .getMessage());
    IllegalArgumentException off =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CodecEndpoint.fromEnvironment(
                    Map.of("DR_CODEC_SERVER_TOKENS", "a:" + ALICE),
                    Optional.empty(),
                    arn -> null,
                    Clock.systemUTC()));
    assertTrue(
        off.getMessage().startsWith("DR_CODEC_SERVER_TOKENS is set but payload encryption is off"));
    assertEquals(Set.of(UI), CodecEndpoint.origins(Map.of("TEMPORAL_UI_URL", UI + "/namespaces")));
  }
}
