package dev.drrunbooks.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A health endpoint on 127.0.0.1 (a free port) that behaves as told, for tests of probes and of
 * procedures that probe: {@link #healthy()} answers 200, {@link #failing()} 503, {@link
 * #flapping()} 200 and 503 in turn (200 first), {@link #slow(Duration)} 200 after a delay. Any
 * path, any method; {@link #behave} changes the behaviour while it runs (a primary that goes down
 * mid-test).
 *
 * <p>JDK only ({@code com.sun.net.httpserver}), so any test module can copy or reuse it. Close it.
 *
 * <pre>{@code
 * try (LocalEndpoint primary = LocalEndpoint.failing()) {
 *   probes.probe(primary.url("/health"), 3, Duration.ZERO, Duration.ofSeconds(1));
 *   // or map the catalog's host to it: "api.mycomputer.com=" + primary.baseUrl()
 * }
 * }</pre>
 */
public final class LocalEndpoint implements AutoCloseable {

  /** What the endpoint answers. */
  public enum Mode {
    /** 200 "ok". */
    HEALTHY,
    /** 503 "unavailable". */
    FAILING,
    /** 200, 503, 200, 503... counted over all requests since the mode was set. */
    FLAPPING,
    /** 200 "ok" after the delay. */
    SLOW
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger flaps = new AtomicInteger();
  private volatile Mode mode;
  private volatile Duration delay;

  private LocalEndpoint(Mode mode, Duration delay) {
    this.mode = mode;
    this.delay = delay;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-endpoint-" + server.getAddress().getPort());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers 200. */
  public static LocalEndpoint healthy() {
    return new LocalEndpoint(Mode.HEALTHY, Duration.ZERO);
  }

  /** Answers 503. */
  public static LocalEndpoint failing() {
    return new LocalEndpoint(Mode.FAILING, Duration.ZERO);
  }

  /** Answers 200 and 503 in turn, 200 first. */
  public static LocalEndpoint flapping() {
    return new LocalEndpoint(Mode.FLAPPING, Duration.ZERO);
  }

  /** Answers 200 after {@code delay}. */
  public static LocalEndpoint slow(Duration delay) {
    return new LocalEndpoint(Mode.SLOW, delay);
  }

  /** From now on answer as {@code mode} (FLAPPING starts again with 200). */
  public LocalEndpoint behave(Mode mode) {
    flaps.set(0);
    this.mode = mode;
    return this;
  }

  /** From now on answer 200 after {@code delay}. */
  public LocalEndpoint behaveSlow(Duration delay) {
    this.delay = delay;
    return behave(Mode.SLOW);
  }

  public Mode mode() {
    return mode;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}, e.g. for {@code DR_HTTP_ENDPOINT_MAP} entries. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return baseUrl() + (path.startsWith("/") ? path : "/" + path);
  }

  public URI uri(String path) {
    return URI.create(url(path));
  }

  /** Requests received so far, as {@code METHOD path?query}. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public int requestCount() {
    return requests.size();
  }

  private void handle(HttpExchange exchange) {
    try {
      URI uri = exchange.getRequestURI();
      requests.add(
          exchange.getRequestMethod()
              + " "
              + uri.getRawPath()
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      Mode m = mode;
      int status =
          switch (m) {
            case HEALTHY, SLOW -> 200;
            case FAILING -> 503;
            case FLAPPING -> flaps.getAndIncrement() % 2 == 0 ? 200 : 503;
          };
      if (m == Mode.SLOW && !delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // closing: drop the request
        }
      }
      byte[] body = (status == 200 ? "ok\n" : "unavailable\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // the client gave up (a probe's timeout): nothing to answer
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LocalEndpoint[" + baseUrl() + ", " + mode + "]";
  }
}
