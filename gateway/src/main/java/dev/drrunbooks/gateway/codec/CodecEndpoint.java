package dev.drrunbooks.gateway.codec;

import dev.drrunbooks.gateway.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote codec endpoint the Temporal UI and CLI decode payloads through
 * (https://docs.temporal.io/production-deployment/data-encryption, protocol:
 * https://github.com/temporalio/samples-go/blob/main/codec-server/protocol.md): {@code POST
 * /codec/decode} and {@code /codec/encode} with a protobuf-JSON {@code Payloads} body, for the
 * namespace in {@code X-Namespace} (only the gateway's own namespace is served).
 *
 * <p>Authorised callers present a token of {@link CodecUsers}: as {@code Authorization: Bearer
 * TOKEN} (the temporal CLI's {@code --codec-auth}, scripts), or through the session cookie that
 * {@code POST /codec/login} sets after checking a token typed into {@code GET /codec/login} (the
 * browser running the Temporal UI, which sends cookies to the codec endpoint when its "include
 * cross-origin credentials" setting is on). Anything else is refused with 401 before a payload is
 * read. Browsers' cross-origin calls are answered only for the UI's origins (CORS with credentials:
 * the exact origin, never {@code *}). Each call is logged with the user's name and the number of
 * payloads, never a payload or token.
 */
public final class CodecEndpoint {
  private static final Logger log = LoggerFactory.getLogger(CodecEndpoint.class);

  /** Larger bodies are refused (413): Temporal's own gRPC messages stop at 4 MiB. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  public static final String ORIGINS_ENV = "DR_CODEC_SERVER_ORIGINS";

  private final PayloadCodec codec;
  private final CodecUsers users;
  private final CodecSession sessions;
  private final String namespace;
  private final Set<String> origins;

  public CodecEndpoint(
      PayloadCodec codec,
      CodecUsers users,
      CodecSession sessions,
      String namespace,
      Set<String> origins) {
    this.codec = codec;
    this.users = users;
    this.sessions = sessions;
    this.namespace = namespace;
    this.origins = Set.copyOf(origins);
  }

  /**
   * The browser origins allowed to call: DR_CODEC_SERVER_ORIGINS (comma-separated, e.g. {@code
   * https://temporal-ui.example.com}), else the origin of TEMPORAL_UI_URL, else none.
   */
  public static Set<String> origins(Map<String, String> env) {
    String list = env.get(ORIGINS_ENV);
    if (list == null || list.isBlank()) list = env.get("TEMPORAL_UI_URL");
    if (list == null || list.isBlank()) return Set.of();
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String o : list.split(",")) {
      if (o.isBlank()) continue;
      URI u = URI.create(o.trim());
      if (u.getScheme() == null || u.getHost() == null)
        throw new IllegalArgumentException(
            ORIGINS_ENV + ": '" + o.trim() + "' is not an origin (scheme://host[:port])");
      out.add(u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
    }
    return out;
  }

  public Set<String> allowedOrigins() {
    return origins;
  }

  public void addTo(Javalin app) {
    for (String op : List.of("encode", "decode")) {
      app.options("/codec/" + op, this::preflight);
      app.post("/codec/" + op, ctx -> convert(ctx, op));
    }
    app.get("/codec/login", ctx -> html(ctx, 200, loginPage("")));
    app.post("/codec/login", this::login);
    app.post("/codec/logout", this::logout);
  }

  private void preflight(Context ctx) {
    if (!cors(ctx)) return;
    ctx.header("Access-Control-Allow-Methods", "POST, OPTIONS")
        .header("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization")
        .header("Access-Control-Max-Age", "600");
    ctx.attribute("dr.answered", true);
    ctx.status(204);
  }

  /** CORS headers for an allowed origin; false (and 403 answered) for a disallowed one. */
  private boolean cors(Context ctx) {
    String origin = ctx.header("Origin");
    ctx.header("Vary", "Origin");
    if (origin == null) return true; // not a browser's cross-origin call
    if (!origins.contains(origin)) {
      json(ctx, 403, "origin " + origin + " is not allowed (" + ORIGINS_ENV + ")");
      return false;
    }
    ctx.header("Access-Control-Allow-Origin", origin)
        .header("Access-Control-Allow-Credentials", "true");
    return true;
  }

  private void convert(Context ctx, String op) throws IOException {
    if (!cors(ctx)) return;
    Optional<String> user = user(ctx);
    if (user.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"dr-codec\"");
      json(
          ctx,
          401,
          "not authorised: send Authorization: Bearer <your codec token>, or log in at"
              + " /codec/login (browsers)");
      return;
    }
    String ns = ctx.header("X-Namespace");
    if (ns != null && !ns.isBlank() && !ns.equals(namespace)) {
      json(
          ctx,
          403,
          "namespace " + ns + " is not served here (this codec serves " + namespace + ")");
      return;
    }
    String body = body(ctx);
    if (body == null) {
      json(ctx, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    List<Payload> in;
    try {
      in = PayloadsJson.read(body);
    } catch (IllegalArgumentException e) {
      json(ctx, 400, e.getMessage());
      return;
    }
    List<Payload> out;
    try {
      out = op.equals("encode") ? codec.encode(in) : codec.decode(in);
    } catch (PayloadCodecException e) {
      log.info("codec {} by {} refused: {}", op, user.get(), e.getMessage());
      json(ctx, 400, e.getMessage());
      return;
    }
    log.info("codec {} by {}: {} payload(s), namespace {}", op, user.get(), in.size(), namespace);
    ctx.attribute("dr.answered", true);
    ctx.status(200).contentType("application/json").result(PayloadsJson.write(out));
  }

  private Optional<String> user(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7))
      return users.byToken(auth.substring(7).trim());
    return sessions.userOf(ctx.cookie(CodecSession.COOKIE));
  }

  private void login(Context ctx) {
    Optional<String> user = users.byToken(ctx.formParam("token"));
    if (user.isEmpty()) {
      log.info("codec login refused: unknown token");
      html(ctx, 401, loginPage("That is not a codec token. "));
      return;
    }
    ctx.header(
        "Set-Cookie", cookie(ctx, sessions.issue(user.get()), CodecSession.LIFETIME.toSeconds()));
    log.info("codec login: {}", user.get());
    html(
        ctx,
        200,
        page(
            "<p id=\"logged-in\">Logged in as "
                + escape(user.get())
                + " for "
                + CodecSession.LIFETIME.toHours()
                + " hours.</p><p>In the Temporal UI's Codec Server settings, use this endpoint with"
                + " <b>Include cross-origin credentials</b> on: the UI then shows decoded"
                + " payloads.</p>"));
  }

  private void logout(Context ctx) {
    ctx.header("Set-Cookie", cookie(ctx, "", 0));
    html(ctx, 200, page("<p id=\"logged-out\">Logged out.</p>"));
  }

  /**
   * HttpOnly, only for /codec. Over https (or behind a proxy saying so) Secure and SameSite=None,
   * so a UI on another site may send it with credentials; over http (the sandbox, same site)
   * SameSite=Strict, as browsers refuse SameSite=None without Secure.
   */
  private static String cookie(Context ctx, String value, long maxAge) {
    boolean https =
        "https".equalsIgnoreCase(ctx.scheme())
            || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    return CodecSession.COOKIE
        + "="
        + value
        + "; Path=/codec; Max-Age="
        + maxAge
        + "; HttpOnly"
        + (https ? "; Secure; SameSite=None" : "; SameSite=Strict");
  }

  private static String body(Context ctx) throws IOException {
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > MAX_BODY_BYTES) return null;
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static void json(Context ctx, int status, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", io.javalin.http.HttpStatus.forStatus(status).getMessage());
    body.put("reason", reason);
    ctx.attribute("dr.answered", true);
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(Json.MAPPER.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.status(500).result("{\"error\":\"internal\"}");
    }
  }

  private static void html(Context ctx, int status, String page) {
    ctx.attribute("dr.answered", true);
    ctx.status(status).contentType("text/html; charset=utf-8").result(page);
  }

  private static String loginPage(String note) {
    return page(
        "<p>"
            + note
            + "Log in with your codec token (DR_CODEC_SERVER_TOKENS) so the Temporal UI in this"
            + " browser can decode the runs' encrypted payloads.</p><form method=\"post\""
            + " action=\"/codec/login\"><input type=\"password\" name=\"token\" id=\"token\""
            + " autocomplete=\"off\" size=\"60\"> <button type=\"submit\" id=\"login\">Log"
            + " in</button></form>");
  }

  private static String page(String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>dr-runbooks codec</title>"
        + "</head><body style=\"font-family:sans-serif;max-width:40em;margin:2em\">"
        + "<h1>dr-runbooks payload codec</h1>"
        + body
        + "</body></html>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** For the start-up line: what is served and to whom, never a token. */
  public String describe() {
    return "codec endpoint /codec (users "
        + users.names()
        + ", browser origins "
        + (origins.isEmpty() ? "none" : origins)
        + ", namespace "
        + namespace
        + ")";
  }

  /**
   * The endpoint the environment asks for: served when DR_CODEC_SERVER_TOKENS is set, which needs
   * payload encryption on.
   *
   * @throws IllegalArgumentException when tokens are set without a codec, or malformed
   */
  public static Optional<CodecEndpoint> fromEnvironment(
      Map<String, String> env,
      Optional<PayloadCodec> codec,
      UnaryOperator<String> secretsByArn,
      java.time.Clock clock) {
    Optional<CodecUsers> users = CodecUsers.fromEnvironment(env, secretsByArn);
    if (users.isEmpty()) return Optional.empty();
    if (codec.isEmpty())
      throw new IllegalArgumentException(
          CodecUsers.ENV
              + " is set but payload encryption is off: there is nothing to decode (set"
              + " DR_CODEC_KMS_KEY_ID, or DR_CODEC_KEY_ID and DR_CODEC_KEY)");
    return Optional.of(
        new CodecEndpoint(
            codec.get(),
            users.get(),
            new CodecSession(users.get(), clock),
            env.getOrDefault("TEMPORAL_NAMESPACE", "default"),
            origins(env)));
  }
}
