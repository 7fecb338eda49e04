package dev.drrunbooks.starter.e2e;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.starter.report.HtmlReportScreenshotTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One page in headless Chromium, driven over the DevTools protocol: for a single-page app (the
 * Temporal UI) whose content arrives after the load event, which {@code --dump-dom} would miss.
 * Test code; Chromium is found as {@link HtmlReportScreenshotTest#chromium()} finds it.
 */
final class HeadlessPage implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  /** The page's text with its same-origin frames' (the Temporal UI renders Markdown in frames). */
  private static final String TEXT =
      "[document.body ? document.body.innerText : ''].concat(Array.from("
          + "document.querySelectorAll('iframe')).map(f => { try { return f.contentDocument.body"
          + ".innerText } catch (e) { return '' } })).join('\\n')";

  private final Path profile;
  private final Process chromium;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

  /**
   * Starts Chromium with a window of {@code width} x {@code height} CSS pixels, on a blank page.
   */
  HeadlessPage(int width, int height) throws Exception {
    profile = Files.createTempDirectory("dr-ui-chromium-");
    chromium =
        new ProcessBuilder(
                HtmlReportScreenshotTest.chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    // Chromium writes the port it chose (first line) once DevTools listens.
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant until = Instant.now().plusSeconds(20);
    while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (Instant.now().isAfter(until) || !chromium.isAlive())
        throw new AssertionError(
            "Chromium's DevTools did not start: "
                + Files.readString(profile.resolve("chromium.log")));
      Thread.sleep(100);
    }
    String port = Files.readAllLines(portFile).get(0).trim();
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String pageSocket = null;
    for (JsonNode t : targets)
      if ("page".equals(t.path("type").asText()))
        pageSocket = t.path("webSocketDebuggerUrl").asText();
    if (pageSocket == null) throw new AssertionError("Chromium has no page target: " + targets);
    socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(pageSocket), new Replies())
            .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    // The viewport (and so the screenshot) exactly this size, whatever the window's own chrome.
    call(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Opens {@code url} (returns once navigation started; the page renders on its own). */
  void open(String url) throws Exception {
    call("Page.navigate", Map.of("url", url));
  }

  /**
   * The page's visible text once {@code ready} holds for it, polled every half second.
   *
   * @throws AssertionError with the last text seen when it does not within {@code timeout}
   */
  String awaitText(Predicate<String> ready, Duration timeout) throws Exception {
    Instant until = Instant.now().plus(timeout);
    String text = "";
    while (Instant.now().isBefore(until)) {
      text = evaluate(TEXT);
      if (ready.test(text)) return text;
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the page never showed what was expected within " + timeout + ":\n" + text);
  }

  /** The value of a JavaScript expression on the page, as text. */
  String evaluate(String expression) throws Exception {
    return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
        .path("result")
        .path("value")
        .asText("");
  }

  /** Saves what the window shows as a PNG. */
  Path screenshot(Path png) throws Exception {
    JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
    return png;
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    calls.put(id, reply);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).join();
    JsonNode r = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) throw new AssertionError(method + ": " + r.get("error"));
    return r.path("result");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.abort();
    // Its helper processes (renderers, network service) end a moment after the browser, still
    // writing to the profile (its cache): they are waited for before the profile is deleted.
    List<ProcessHandle> helpers = chromium.descendants().toList();
    chromium.destroy();
    if (!chromium.waitFor(10, TimeUnit.SECONDS)) chromium.destroyForcibly().waitFor();
    Instant until = Instant.now().plusSeconds(10);
    for (ProcessHandle helper : helpers) {
      try {
        helper
            .onExit()
            .get(Math.max(0, Duration.between(Instant.now(), until).toMillis()), MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        helper.destroyForcibly();
      }
    }
    HtmlReportScreenshotTest.deleteProfile(profile);
  }

  /** Collects a message's fragments; completes the call its id answers (events are dropped). */
  private final class Replies implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          CompletableFuture<JsonNode> reply = calls.remove(message.path("id").asInt(-1));
          if (reply != null) reply.complete(message);
        } catch (IOException e) {
          throw new IllegalStateException("DevTools sent no JSON: " + partial, e);
        } finally {
          partial.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }

  static List<String> missing(String text, List<String> expected) {
    return expected.stream().filter(e -> !text.contains(e)).toList();
  }
}
