package dev.drrunbooks.http.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.activities.notify.Notification;
import dev.drrunbooks.activities.notify.NotificationActivities;
import dev.drrunbooks.http.HttpClientExecutor;
import dev.drrunbooks.http.WebhookUrl;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each notification to every configured {@link NotificationChannel}. A channel that
 * answers 2xx is delivered and remembered in the attempt's heartbeat details, so a retry after
 * another channel failed does not post to it again; any other answer, a refused connection or a
 * timeout fails the attempt (retryable) naming the channel and its redacted target. Only scheme and
 * host of a target are ever logged or returned.
 */
public class HttpNotificationActivitiesImpl implements NotificationActivities {
  private static final Logger log = LoggerFactory.getLogger(HttpNotificationActivitiesImpl.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<NotificationChannel> channels;
  private final BiFunction<String, String, String> runLink;
  private final HttpClient http;

  /**
   * @param runLink (workflow id, run id) to the run's Temporal UI page, or null without a UI
   */
  public HttpNotificationActivitiesImpl(
      List<NotificationChannel> channels, BiFunction<String, String, String> runLink) {
    this(
        channels,
        runLink,
        HttpClient.newBuilder()
            .executor(HttpClientExecutor.shared())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build());
  }

  HttpNotificationActivitiesImpl(
      List<NotificationChannel> channels,
      BiFunction<String, String, String> runLink,
      HttpClient http) {
    this.channels = List.copyOf(channels);
    this.runLink = runLink;
    this.http = http;
  }

  /**
   * The channels {@code env} configures: {@link SlackMessage#ENV}, {@link PagerDutyEvent#KEY_ENV}
   * (with {@link PagerDutyEvent#URL_ENV} to send elsewhere than PagerDuty's Events API), {@link
   * GenericWebhook#ENV}.
   *
   * @throws IllegalArgumentException naming the variable that is not a usable URL
   */
  public static List<NotificationChannel> channelsFrom(Map<String, String> env) {
    List<NotificationChannel> channels = new ArrayList<>();
    var slack = WebhookUrl.parse(SlackMessage.ENV, env.get(SlackMessage.ENV));
    if (slack != null) channels.add(new SlackMessage(slack));
    String key = env.get(PagerDutyEvent.KEY_ENV);
    if (key != null && !key.isBlank()) {
      var events = WebhookUrl.parse(PagerDutyEvent.URL_ENV, env.get(PagerDutyEvent.URL_ENV));
      channels.add(
          new PagerDutyEvent(events == null ? PagerDutyEvent.EVENTS_API : events, key.trim()));
    }
    var generic = WebhookUrl.parse(GenericWebhook.ENV, env.get(GenericWebhook.ENV));
    if (generic != null) channels.add(new GenericWebhook(generic));
    return channels;
  }

  /** What the worker's start-up line says about its channels (no tokens). */
  public String describe() {
    if (channels.isEmpty()) return "none";
    return String.join(
        ", ",
        channels.stream().map(c -> c.name() + " " + WebhookUrl.redacted(c.target())).toList());
  }

  @Override
  public List<String> send(Notification n) {
    if (channels.isEmpty()) return List.of("no channel configured");
    ActivityExecutionContext context = Activity.getExecutionContext();
    Set<String> delivered =
        new LinkedHashSet<>(
            Arrays.asList(context.getHeartbeatDetails(String[].class).orElse(new String[0])));
    String link = runLink.apply(n.runId(), context.getInfo().getRunId());
    List<String> lines = new ArrayList<>();
    for (NotificationChannel channel : channels) {
      if (delivered.contains(channel.name())) {
        lines.add(channel.name() + ": delivered by an earlier attempt");
        continue;
      }
      Optional<ObjectNode> body = channel.body(n, link);
      if (body.isEmpty()) {
        lines.add(channel.name() + ": not sent (not a " + channel.name() + " notification)");
        continue;
      }
      int status = post(channel, n, body.get());
      delivered.add(channel.name());
      context.heartbeat(delivered.toArray(String[]::new));
      lines.add(channel.name() + ": HTTP " + status);
      log.info("notified {} of {} {}: HTTP {}", channel.name(), n.runId(), n.kind(), status);
    }
    return lines;
  }

  private int post(NotificationChannel channel, Notification n, ObjectNode body) {
    String where = channel.name() + " " + WebhookUrl.redacted(channel.target());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(channel.target())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    channel.headers(n).forEach(request::header);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          where + " did not answer: " + e, "NotificationNotDelivered");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while posting to " + where, "NotificationNotDelivered");
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      String answer = response.body() == null ? "" : response.body().strip();
      if (answer.length() > 200) answer = answer.substring(0, 200) + "...";
      throw ApplicationFailure.newFailure(
          where + " answered HTTP " + status + (answer.isEmpty() ? "" : ": " + answer),
          "NotificationNotDelivered");
    }
    return status;
  }
}
