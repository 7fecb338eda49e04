package dev.drrunbooks.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.drrunbooks.gateway.Refusal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server (Javalin, https://javalin.io/documentation): one POST route per enabled
 * channel. Every answer is a short JSON body: 200 with what the run answered; a {@link Refusal} as
 * its 4xx with {@code {"error", "reason"}}; anything unexpected as 500 {@code {"error":
 * "internal"}}, its detail in the gateway's log only. Request bodies are logged nowhere (they may
 * carry names and reasons, never secrets, but signatures replayable for 5 minutes).
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  /** Bodies larger than this are refused (413) before they are read: webhooks are small. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  private static final Map<String, String> INTERNAL = new LinkedHashMap<>();

  static {
    INTERNAL.put("error", "internal");
    INTERNAL.put("reason", "see the gateway's log");
  }

  private final Javalin app;

  /**
   * @param routes path (e.g. {@code /v1/generic}) to endpoint, for the enabled channels
   */
  public GatewayServer(Map<String, Endpoint> routes) {
    this(routes, app -> {});
  }

  /**
   * @param routes path (e.g. {@code /v1/generic}) to endpoint, for the enabled channels
   * @param more further routes with their own answers (the codec endpoint)
   */
  public GatewayServer(Map<String, Endpoint> routes, Consumer<Javalin> more) {
    app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
            });
    app.get("/healthz", ctx -> json(ctx, 200, Map.of("ok", true, "routes", routes.keySet())));
    more.accept(app);
    routes.forEach(
        (path, endpoint) ->
            app.post(path, ctx -> json(ctx, 200, endpoint.handle(ctx.body(), ctx::header))));
    app.exception(
        Refusal.class,
        (e, ctx) -> {
          log.info("refused {} {}: {} {}", ctx.method(), ctx.path(), e.status(), e.reason());
          json(ctx, e.status(), refusal(e.status(), e.reason()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("failed {} {}", ctx.method(), ctx.path(), e);
          json(ctx, 500, INTERNAL);
        });
    // Javalin's own 404/405/413 answers, as short JSON too (unless a Refusal already answered).
    for (int status : new int[] {404, 405, 413}) {
      app.error(
          status,
          ctx -> {
            if (ctx.attribute("dr.answered") == null)
              json(ctx, status, refusal(status, ctx.method() + " " + ctx.path() + ": not served"));
          });
    }
  }

  /** Listens on {@code host:port} (port 0: any free one); returns the port. */
  public int start(String host, int port) {
    app.start(host, port);
    return app.port();
  }

  private static Map<String, Object> refusal(int status, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", HttpStatus.forStatus(status).getMessage());
    body.put("reason", reason);
    // Slack shows "text" to the user who typed the command.
    body.put("text", "dr: refused: " + reason);
    return body;
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.attribute("dr.answered", true);
    String text;
    try {
      text = Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      log.error("cannot write the answer to {} as JSON", ctx.path(), e);
      status = 500;
      text = "{\"error\":\"internal\",\"reason\":\"see the gateway's log\"}";
    }
    ctx.status(status).contentType("application/json").result(text);
  }

  @Override
  public void close() {
    app.stop();
  }
}
