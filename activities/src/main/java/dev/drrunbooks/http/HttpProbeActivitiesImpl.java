package dev.drrunbooks.http;

import dev.drrunbooks.activities.http.HttpProbeActivities;
import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeSample;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.model.FailureType;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbook's {@code curl -I https://api.mycomputer.com/health}, several times and timed: a GET
 * per probe with the probe's timeout, redirects followed as the JDK's {@code Redirect.NORMAL} does
 * (never from https to http), the response body discarded. A status of 200-399 is a healthy answer;
 * no answer (refused, reset, timed out) is a sample with status 0 and the error.
 *
 * <p>An unhealthy endpoint is not a failure: the report is the evidence. Only a URL that cannot be
 * probed at all (not http(s), no host, not a URL) or a bad probe count, interval or timeout fails,
 * and non-retryably. Between probes it heartbeats {@link ProbeProgress} (at least every {@link
 * StatusPoller#HEARTBEAT_EVERY} during long intervals), when run as an activity; cancelling the
 * activity ends it at the next heartbeat.
 *
 * <p>{@link EndpointMap} ({@code DR_HTTP_ENDPOINT_MAP}) reroutes hosts the worker cannot reach by
 * name; the report always carries the URL as given, the rerouted one is logged.
 */
public class HttpProbeActivitiesImpl implements HttpProbeActivities {
  private static final Logger log = LoggerFactory.getLogger(HttpProbeActivitiesImpl.class);

  /** More than this many probes in one activity is a mistake in the input, not a probe plan. */
  static final int MAX_PROBES = 1000;

  /** How long past the request timeout we wait before giving up on the HTTP client itself. */
  private static final Duration GRACE = Duration.ofSeconds(1);

  /**
   * What the probe heartbeats: probes done of the total, how many answered well, the last result.
   */
  public record ProbeProgress(int probes, int total, int ok, String last) {}

  private final EndpointMap endpoints;
  private final HttpClient http;

  /** With the endpoint map (use {@link EndpointMap#fromEnvironment()} in the worker). */
  public HttpProbeActivitiesImpl(EndpointMap endpoints) {
    this(
        endpoints,
        HttpClient.newBuilder()
            .executor(HttpClientExecutor.shared())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  /** With a client of the caller's (its redirect and TLS settings apply). */
  public HttpProbeActivitiesImpl(EndpointMap endpoints, HttpClient http) {
    this.endpoints = endpoints == null ? EndpointMap.none() : endpoints;
    this.http = http;
  }

  @Override
  public ProbeReport probe(String url, int probes, Duration interval, Duration timeout) {
    URI original = parse(url);
    if (probes < 1 || probes > MAX_PROBES) {
      throw invalid(
          "probes for " + url + " must be between 1 and " + MAX_PROBES + ", was " + probes);
    }
    if (interval == null || interval.isNegative()) {
      throw invalid(
          "interval between probes of " + url + " must be zero or positive, was " + interval);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw invalid("timeout per probe of " + url + " must be positive, was " + timeout);
    }
    URI target = endpoints.map(original);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(target)
              .GET()
              .timeout(timeout)
              .header("User-Agent", "dr-runbooks-probe")
              .build();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "probe URL '"
              + url
              + "' cannot be requested"
              + (target.equals(original) ? "" : " (mapped to " + target + ")")
              + ": "
              + e.getMessage(),
          "InvalidUrl");
    }
    if (target.equals(original)) {
      log.info("probing {} {} times, {} apart, timeout {}", url, probes, interval, timeout);
    } else {
      log.info(
          "probing {} via {} ({}) {} times, {} apart, timeout {}",
          url,
          target,
          EndpointMap.ENV,
          probes,
          interval,
          timeout);
    }
    ActivityExecutionContext ctx = currentActivity();
    List<ProbeSample> samples = new ArrayList<>(probes);
    int ok = 0;
    for (int i = 1; i <= probes; i++) {
      long started = System.nanoTime();
      ProbeSample sample = probeOnce(request, timeout);
      samples.add(sample);
      if (sample.ok()) ok++;
      log.debug("probe {}/{} of {}: {}", i, probes, url, sample);
      ProbeProgress progress = new ProbeProgress(i, probes, ok, describe(sample));
      if (ctx != null) ctx.heartbeat(progress);
      if (i < probes) {
        Duration left = interval.minusNanos(System.nanoTime() - started);
        if (!left.isNegative() && !left.isZero()) pause(ctx, left, progress, url);
      }
    }
    ProbeReport report = ProbeReport.of(url, samples);
    log.info("{}", report.describe());
    return report;
  }

  private ProbeSample probeOnce(HttpRequest request, Duration timeout) {
    long t0 = System.nanoTime();
    CompletableFuture<HttpResponse<Void>> call =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      HttpResponse<Void> response = call.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
      return new ProbeSample(response.statusCode(), elapsedMs(t0), null);
    } catch (TimeoutException e) {
      call.cancel(true);
      return new ProbeSample(0, elapsedMs(t0), "no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new ProbeSample(0, elapsedMs(t0), errorText(cause, timeout));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while probing "
              + request.uri()
              + " (worker shutting down?); a retry probes again",
          "Interrupted");
    }
  }

  /**
   * "ConnectException (ClosedChannelException)", "timed out after 300 ms": what went wrong,
   * briefly.
   */
  private static String errorText(Throwable cause, Duration timeout) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (cause instanceof HttpTimeoutException || root instanceof HttpTimeoutException) {
      return "timed out after " + timeout.toMillis() + " ms";
    }
    String text = name(cause);
    return root == cause ? text : text + " (" + name(root) + ")";
  }

  private static String name(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message);
  }

  private static long elapsedMs(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String describe(ProbeSample s) {
    return s.status() == 0
        ? "no answer: " + s.error()
        : "HTTP " + s.status() + " in " + s.latencyMs() + " ms";
  }

  /**
   * Sleeps in slices of at most {@link StatusPoller#HEARTBEAT_EVERY}, heartbeating between them.
   */
  private static void pause(
      ActivityExecutionContext ctx, Duration pause, ProbeProgress progress, String url) {
    long leftMs = Math.max(1, (pause.toNanos() + 999_999) / 1_000_000);
    while (leftMs > 0) {
      long slice = Math.min(leftMs, StatusPoller.HEARTBEAT_EVERY.toMillis());
      try {
        Thread.sleep(slice);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(
            "interrupted between probes of "
                + url
                + " (worker shutting down?); a retry probes again",
            "Interrupted");
      }
      leftMs -= slice;
      if (leftMs > 0 && ctx != null) ctx.heartbeat(progress);
    }
  }

  /**
   * The running activity's context, or null when called outside an activity (plain tests, tools).
   */
  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException e) {
      return null;
    }
  }

  private static URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "probe URL is empty: give the health endpoint, e.g. "
              + "https://api.mycomputer.com/health",
          "InvalidUrl");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "probe URL '" + url + "' is not a valid URL: " + e.getMessage(), "InvalidUrl");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "probe URL '" + url + "' must be http:// or https://", "InvalidUrl");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "probe URL '" + url + "' has no host", "InvalidUrl");
    }
    if (uri.getPort() > 65535) {
      throw ApplicationFailure.newNonRetryableFailure(
          "probe URL '" + url + "' has port " + uri.getPort() + ", outside 1-65535", "InvalidUrl");
    }
    return uri;
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }
}
