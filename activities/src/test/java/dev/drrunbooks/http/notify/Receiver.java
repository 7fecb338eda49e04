package dev.drrunbooks.http.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every POST on 127.0.0.1 and answers each path with the status it is told (202). */
final class Receiver implements AutoCloseable {
  record Post(String path, String idempotencyKey, String body) {}

  final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> status = new ConcurrentHashMap<>();
  private final HttpServer server;

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          posts.add(
              new Post(
                  path,
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.getOrDefault(path, 202), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(String path, int code) {
    status.put(path, code);
  }

  List<Post> to(String path) {
    return posts.stream().filter(p -> p.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
