package dev.drrunbooks.http.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.activities.notify.Notification;
import dev.drrunbooks.activities.notify.NotificationActivities;
import dev.drrunbooks.activities.notify.NotificationKind;
import dev.drrunbooks.activities.notify.SlackButtons;
import dev.drrunbooks.activities.notify.WaitingGate;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three channels over real HTTP to a local receiver: what each posts for a waiting gate, a
 * phase change and an end, in the shape its receiver documents (PagerDuty Events API v2, Slack
 * Block Kit, the generic webhook), and how a failed channel is retried without posting twice to the
 * others.
 */
class HttpNotificationActivitiesImplTest {
  static final String RUN = "dns-failover-payments-20261201T2300-x7k2";
  static final String KEY = "R0UTINGKEY0123456789abcdef012345";
  static final Instant AT = Instant.parse("2026-12-01T23:00:00Z");

  private final Receiver receiver = new Receiver();
  private final ObjectMapper json = new ObjectMapper();
  private TestActivityEnvironment env;

  @AfterEach
  void close() {
    if (env != null) env.close();
    receiver.close();
  }

  static Notification gate() {
    return new Notification(
        NotificationKind.GATE_WAITING,
        RUN,
        "dns-failover",
        "payments",
        "dns-failover of payments waits for approval at switch-traffic",
        "Approve or abort before 2026-12-01T23:30:00Z (then it will abort).",
        new WaitingGate(
            "switch-traffic",
            Instant.parse("2026-12-01T23:30:00Z"),
            "abort",
            "needs 2 distinct approvers from group:sre-oncall"),
        null,
        null,
        AT,
        false);
  }

  static Notification phase() {
    return new Notification(
        NotificationKind.PHASE_CHANGED,
        RUN,
        "dns-failover",
        "payments",
        "dns-failover of payments is switching",
        "phase: switching",
        null,
        null,
        null,
        AT,
        false);
  }

  static Notification ended(String outcome, boolean passed, boolean alertOpen) {
    return new Notification(
        NotificationKind.RUN_ENDED,
        RUN,
        "dns-failover",
        "payments",
        "dns-failover of payments ended " + outcome,
        "switched in 3 stages",
        null,
        outcome,
        passed,
        AT.plusSeconds(600),
        alertOpen);
  }

  private NotificationActivities activities(Map<String, String> environment, int attempts) {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new HttpNotificationActivitiesImpl(
            HttpNotificationActivitiesImpl.channelsFrom(environment),
            (workflowId, runId) -> "http://ui.example/namespaces/default/workflows/" + workflowId));
    return env.newActivityStub(
        NotificationActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(attempts).build())
            .build());
  }

  private Map<String, String> allChannels() {
    return Map.of(
        SlackMessage.ENV, receiver.url("/slack/T0/B0/secret-token"),
        PagerDutyEvent.KEY_ENV, KEY,
        PagerDutyEvent.URL_ENV, receiver.url("/v2/enqueue"),
        GenericWebhook.ENV, receiver.url("/generic"));
  }

  private JsonNode only(String path) throws Exception {
    List<Receiver.Post> posts = receiver.to(path);
    assertEquals(1, posts.size(), path + ": " + posts);
    return json.readTree(posts.get(0).body());
  }

  /** The fields and types of https://developer.pagerduty.com/docs/events-api-v2/trigger-events/. */
  static void assertPagerDutyTrigger(JsonNode e, String severity) {
    assertEquals(KEY, e.get("routing_key").asText());
    assertEquals("trigger", e.get("event_action").asText());
    assertTrue(e.get("dedup_key").isTextual() && e.get("dedup_key").asText().length() <= 255);
    JsonNode p = e.get("payload");
    assertTrue(p.isObject(), e.toString());
    String summary = p.get("summary").asText();
    assertTrue(p.get("summary").isTextual() && !summary.isBlank() && summary.length() <= 1024);
    assertTrue(p.get("source").isTextual() && !p.get("source").asText().isBlank());
    assertEquals(severity, p.get("severity").asText());
    assertTrue(List.of("critical", "error", "warning", "info").contains(severity));
    Instant.parse(p.get("timestamp").asText()); // ISO 8601
    for (String optional : List.of("component", "group", "class"))
      assertTrue(p.get(optional) == null || p.get(optional).isTextual(), optional);
    assertTrue(p.get("custom_details").isObject());
    JsonNode links = e.get("links");
    assertTrue(links.isArray() && links.size() == 1, e.toString());
    assertTrue(links.get(0).get("href").isTextual() && links.get(0).get("text").isTextual());
  }

  @Test
  void aWaitingGateIsAPagerDutyV2TriggerKeyedByTheRunAndASlackMessageWithTheGatewaysButtons()
      throws Exception {
    List<String> lines = activities(allChannels(), 1).send(gate());

    assertEquals(List.of("slack: HTTP 202", "pagerduty: HTTP 202", "webhook: HTTP 202"), lines);
    JsonNode pd = only("/v2/enqueue");
    assertPagerDutyTrigger(pd, "warning");
    assertEquals(RUN, pd.get("dedup_key").asText());
    assertEquals("payments", pd.at("/payload/component").asText());
    assertEquals("dns-failover", pd.at("/payload/group").asText());
    assertEquals("gate-waiting", pd.at("/payload/class").asText());
    assertEquals("switch-traffic", pd.at("/payload/custom_details/gate").asText());
    assertEquals(
        "http://ui.example/namespaces/default/workflows/" + RUN, pd.get("client_url").asText());

    JsonNode slack = only("/slack/T0/B0/secret-token");
    assertTrue(slack.get("text").asText().startsWith("dns-failover of payments waits"));
    JsonNode blocks = slack.get("blocks");
    assertEquals("header", blocks.get(0).get("type").asText());
    assertEquals("plain_text", blocks.get(0).at("/text/type").asText());
    assertTrue(blocks.get(0).at("/text/text").asText().length() <= 150);
    assertEquals("mrkdwn", blocks.get(1).at("/text/type").asText());
    assertTrue(blocks.get(2).at("/elements/0/text").asText().contains(RUN));
    JsonNode actions = blocks.get(3);
    assertEquals("actions", actions.get("type").asText());
    JsonNode approve = actions.at("/elements/0");
    JsonNode abort = actions.at("/elements/1");
    assertEquals("button", approve.get("type").asText());
    assertEquals(SlackButtons.APPROVE, approve.get("action_id").asText());
    assertEquals(SlackButtons.ABORT, abort.get("action_id").asText());
    assertEquals(RUN + "|switch-traffic", approve.get("value").asText());
    assertEquals(RUN + "|switch-traffic", abort.get("value").asText());
    assertEquals("primary", approve.get("style").asText());
    assertEquals("danger", abort.get("style").asText());
    assertTrue(abort.get("confirm").isObject(), "aborting asks first");
    assertTrue(approve.get("url") == null && abort.get("url") == null, "no URL buttons");

    JsonNode generic = only("/generic");
    assertEquals("run.gate-waiting", generic.get("event").asText());
    assertEquals(RUN, generic.get("runId").asText());
    assertEquals("2026-12-01T23:30:00Z", generic.at("/gate/deadline").asText());
    assertEquals(
        RUN + "/gate_waiting/" + AT.toEpochMilli(),
        receiver.to("/generic").get(0).idempotencyKey());
  }

  @Test
  void aPhaseChangeGoesToSlackAndTheWebhookButNotToPagerDuty() throws Exception {
    List<String> lines = activities(allChannels(), 1).send(phase());

    assertEquals(
        List.of(
            "slack: HTTP 202",
            "pagerduty: not sent (not a pagerduty notification)",
            "webhook: HTTP 202"),
        lines);
    assertEquals(List.of(), receiver.to("/v2/enqueue"));
    JsonNode slack = only("/slack/T0/B0/secret-token");
    assertFalse(slack.get("blocks").toString().contains(SlackButtons.APPROVE), "no buttons");
  }

  @Test
  void aPassedEndResolvesTheRunsAlertAndAFailedOneTriggersAnError() throws Exception {
    NotificationActivities notify = activities(allChannels(), 1);
    assertEquals(
        "pagerduty: not sent (not a pagerduty notification)",
        notify.send(ended("PASSED", true, false)).get(1),
        "a run that raised no alert has none to resolve");
    assertEquals(List.of(), receiver.to("/v2/enqueue"));
    notify.send(ended("SWITCHED", true, true));
    JsonNode resolve = only("/v2/enqueue");
    assertEquals("resolve", resolve.get("event_action").asText());
    assertEquals(RUN, resolve.get("dedup_key").asText());
    assertEquals(KEY, resolve.get("routing_key").asText());
    assertTrue(resolve.get("payload") == null, "a resolve carries no payload");

    notify.send(ended("FAILED", false, false));
    JsonNode failed = json.readTree(receiver.to("/v2/enqueue").get(1).body());
    assertPagerDutyTrigger(failed, "error");
    assertEquals("FAILED", failed.at("/payload/custom_details/outcome").asText());

    notify.send(ended("ROLLED_BACK", false, false));
    JsonNode rolledBack = json.readTree(receiver.to("/v2/enqueue").get(2).body());
    assertPagerDutyTrigger(rolledBack, "warning");
    JsonNode ended = json.readTree(receiver.to("/generic").get(2).body());
    assertEquals("run.ended", ended.get("event").asText());
  }

  @Test
  void anEndAPersonMadeResolvesTheRunsAlertAndRaisesNone() throws Exception {
    NotificationActivities notify = activities(allChannels(), 1);
    notify.send(ended("ABORTED", false, false));
    assertEquals(List.of(), receiver.to("/v2/enqueue"), "aborted before anything was raised");
    notify.send(ended("CANCELLED", false, true));
    JsonNode resolve = only("/v2/enqueue");
    assertEquals("resolve", resolve.get("event_action").asText());
  }

  @Test
  void aChannelThatRefusesFailsTheAttemptWithoutItsTokenAndTheRetryPostsOnlyToIt() {
    receiver.answer("/v2/enqueue", 400);
    NotificationActivities notify = activities(allChannels(), 1);

    ActivityFailure failure = assertThrows(ActivityFailure.class, () -> notify.send(gate()));
    ApplicationFailure cause = (ApplicationFailure) failure.getCause();
    assertEquals("NotificationNotDelivered", cause.getType());
    assertFalse(cause.isNonRetryable());
    assertTrue(
        cause.getOriginalMessage().startsWith("pagerduty http://127.0.0.1:"),
        cause.getOriginalMessage());
    assertTrue(cause.getOriginalMessage().contains("HTTP 400"), cause.getOriginalMessage());
    assertEquals(1, receiver.to("/slack/T0/B0/secret-token").size());

    // the next attempt, as Temporal makes it, with this attempt's heartbeat details
    receiver.answer("/v2/enqueue", 202);
    env.setHeartbeatDetails(new String[] {"slack"});
    List<String> lines = notify.send(gate());
    assertEquals(
        List.of(
            "slack: delivered by an earlier attempt", "pagerduty: HTTP 202", "webhook: HTTP 202"),
        lines);
    assertEquals(1, receiver.to("/slack/T0/B0/secret-token").size(), "Slack is not posted twice");
  }

  @Test
  void eachDeliveryIsRememberedInTheAttemptsHeartbeatAndALongRefusalIsCut() {
    receiver.answer("/generic", 500);
    NotificationActivities notify = activities(allChannels(), 1);
    List<String[]> beats = new java.util.concurrent.CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(String[].class, beats::add);

    ActivityFailure failure = assertThrows(ActivityFailure.class, () -> notify.send(gate()));

    // The SDK throttles heartbeats (a later one goes out with the attempt's failure): the first is
    // sent at once.
    assertEquals(
        "slack",
        beats.isEmpty() ? "no heartbeat" : String.join(",", beats.get(0)),
        "the channels delivered so far, after the first delivery");
    String message = ((ApplicationFailure) failure.getCause()).getOriginalMessage();
    assertTrue(message.endsWith("answered HTTP 500: ok"), message);
  }

  @Test
  void aSlackMessageWithoutAUiLinkAndEachEndsIcon() throws Exception {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new HttpNotificationActivitiesImpl(
            HttpNotificationActivitiesImpl.channelsFrom(
                Map.of(SlackMessage.ENV, receiver.url("/slack/x"))),
            (workflowId, runId) -> null));
    NotificationActivities notify =
        env.newActivityStub(
            NotificationActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    notify.send(ended("SWITCHED", true, false));
    notify.send(ended("FAILED", false, false));

    List<Receiver.Post> posts = receiver.to("/slack/x");
    JsonNode passed = json.readTree(posts.get(0).body());
    JsonNode failed = json.readTree(posts.get(1).body());
    assertTrue(passed.at("/blocks/0/text/text").asText().startsWith(":white_check_mark: "));
    assertTrue(failed.at("/blocks/0/text/text").asText().startsWith(":x: "));
    String context = passed.at("/blocks/2/elements/0/text").asText();
    assertEquals("run `" + RUN + "` · dns-failover", context, "no link without a UI");
  }

  @Test
  void noChannelConfiguredIsSaidNotFailed() {
    assertEquals(List.of("no channel configured"), activities(Map.of(), 1).send(gate()));
  }

  @Test
  void channelsFromTheEnvironmentNameTheVariableThatIsNotAUrlAndDefaultToPagerDutysApi() {
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HttpNotificationActivitiesImpl.channelsFrom(
                    Map.of(SlackMessage.ENV, "hooks.slack.com/services/x")));
    assertTrue(bad.getMessage().startsWith(SlackMessage.ENV + ": "), bad.getMessage());

    List<NotificationChannel> pd =
        HttpNotificationActivitiesImpl.channelsFrom(
            Map.of(PagerDutyEvent.KEY_ENV, " " + KEY + " "));
    assertEquals(1, pd.size());
    assertEquals(PagerDutyEvent.EVENTS_API, pd.get(0).target());
    assertEquals(
        "pagerduty https://events.pagerduty.com",
        new HttpNotificationActivitiesImpl(pd, (w, r) -> null).describe());
    assertEquals("none", new HttpNotificationActivitiesImpl(List.of(), (w, r) -> null).describe());
  }

  @Test
  void longValuesAreCutToWhatTheReceiversKeep() {
    String longId = "r".repeat(300);
    assertEquals(255, PagerDutyEvent.dedupKey(longId).length());
    assertEquals("x" + "r".repeat(254), PagerDutyEvent.dedupKey("x" + "r".repeat(254)), "255 kept");
    assertEquals("r".repeat(255), PagerDutyEvent.dedupKey("x" + "r".repeat(255)), "the end kept");
    assertEquals(RUN, PagerDutyEvent.dedupKey(RUN));
    String clipped = SlackMessage.clip("x".repeat(200), 150);
    assertEquals(150, clipped.length());
    assertTrue(clipped.endsWith("…"));
    assertEquals("-", SlackMessage.clip(" ", 10));
    assertEquals("abc", SlackMessage.clip("abc", 3));
  }
}
