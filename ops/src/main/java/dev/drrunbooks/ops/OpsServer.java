package dev.drrunbooks.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops port (the JDK's HTTP server, apart from any traffic the process serves): {@code GET
 * /healthz} 200 while the process runs; {@code GET /readyz} 200, or 503 with {@code {"status":"not
 * ready","reason":"..."}} on one line; {@code GET /metrics} the Prometheus text format. Kubernetes
 * probes /healthz and /readyz on port 9464: keep the paths.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The content type Prometheus expects of the text format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  /**
   * Binds at once, so a port in use fails the process's start.
   *
   * @param metrics the text served at /metrics
   * @throws IllegalStateException naming the address and DR_OPS_PORT when it cannot bind
   */
  public OpsServer(OpsAddress address, Readiness readiness, Supplier<String> metrics) {
    try {
      server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 16);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot serve /healthz, /readyz and /metrics on "
              + address.host()
              + ":"
              + address.port()
              + " ("
              + OpsAddress.HOST_ENV
              + ", "
              + OpsAddress.PORT_ENV
              + "): "
              + e.getMessage(),
          e);
    }
    // Two threads: a slow readiness check (Temporal down, 2 s) must not hold up a scrape.
    threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "ops-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext("/healthz", ex -> answer(ex, () -> json(200, "alive", null)));
    server.createContext(
        "/readyz",
        ex ->
            answer(
                ex,
                () -> {
                  String reason = readiness.notReadyReason();
                  return reason == null ? json(200, "ready", null) : json(503, "not ready", reason);
                }));
    server.createContext(
        "/metrics", ex -> answer(ex, () -> new Reply(200, PROMETHEUS_TEXT, metrics.get())));
    server.createContext(
        "/", ex -> answer(ex, () -> json(404, "not found", ex.getRequestURI().getPath())));
  }

  public OpsServer start() {
    server.start();
    return this;
  }

  /** The port bound (the one asked for, or the one picked for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private record Reply(int status, String contentType, String body) {}

  private static Reply json(int status, String state, String reason) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("status", state);
    if (reason != null) body.put("reason", reason.replace('\n', ' '));
    try {
      return new Reply(status, "application/json", JSON.writeValueAsString(body) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answer(HttpExchange ex, Supplier<Reply> handler) throws IOException {
    try (ex) {
      Reply reply;
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        reply = json(405, "method not allowed", ex.getRequestMethod());
      } else {
        try {
          reply = handler.get();
        } catch (RuntimeException e) {
          log.warn("{} failed: {}", ex.getRequestURI().getPath(), e.toString());
          reply = json(500, "error", e.getClass().getSimpleName());
        }
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", reply.contentType());
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(reply.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
