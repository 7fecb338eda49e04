package dev.drrunbooks.gateway.e2e;

import static dev.drrunbooks.gateway.e2e.GatewayHarness.SHARED;
import static dev.drrunbooks.gateway.e2e.GatewayHarness.SLACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.GateAnswer;
import dev.drrunbooks.approval.GateApprovers;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.SnsMessages;
import dev.drrunbooks.gateway.TestCertificate;
import dev.drrunbooks.gateway.e2e.GatewayHarness.Reply;
import dev.drrunbooks.gateway.http.Json;
import dev.drrunbooks.gateway.pagerduty.PagerDutyEndpoint;
import dev.drrunbooks.gateway.steer.RunSteering;
import dev.drrunbooks.gateway.verify.GenericSignature;
import dev.drrunbooks.gateway.verify.PagerDutySignature;
import dev.drrunbooks.gateway.verify.Secret;
import dev.drrunbooks.incident.IncidentResponseWorkflow;
import dev.drrunbooks.incident.IncidentStatus;
import dev.drrunbooks.reporting.RunLinks;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway over HTTP against real runs on the sandbox: valid generic, Slack, PagerDuty and SNS
 * requests take effect; a tampered body, a wrong secret, a stale timestamp, a replayed nonce, an
 * unknown run, a disallowed approver and a wrong step each get their 4xx and leave the run as it
 * was.
 */
class GatewaySandboxTest {
  private static GatewayHarness gw;
  private static final List<String> started = new ArrayList<>();

  @BeforeAll
  static void start() {
    gw = new GatewayHarness();
  }

  @AfterAll
  static void stop() {
    for (String id : started) {
      try {
        gw.client().newUntypedWorkflowStub(id).terminate("gateway test done");
      } catch (RuntimeException ended) {
        // already closed
      }
    }
    gw.close();
  }

  private static GateProbeWorkflow probe(String step) throws InterruptedException {
    return probe(step, null);
  }

  private static GateProbeWorkflow probe(String step, GateApprovers rule)
      throws InterruptedException {
    String id = "gw-probe-" + UUID.randomUUID();
    GateProbeWorkflow wf =
        gw.client()
            .newWorkflowStub(
                GateProbeWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(gw.taskQueue).setWorkflowId(id).build());
    WorkflowClient.start(wf::run, step, rule);
    started.add(id);
    await(() -> wf.probe().waiting() != null, "the probe to wait at its gate");
    return wf;
  }

  private static String id(Object typed) {
    return WorkflowStub.fromTyped(typed).getExecution().getWorkflowId();
  }

  private static void await(java.util.function.BooleanSupplier done, String what)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (done.getAsBoolean()) return;
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static void refused(int status, String reasonPart, Reply r) {
    assertEquals(status, r.status(), r.toString());
    JsonNode body = json(r.body());
    assertTrue(body.path("reason").asText().contains(reasonPart), r.toString());
    assertFalse(r.body().contains("Exception"), "no stack trace reaches a caller: " + r);
  }

  private static JsonNode json(String s) {
    return Json.object("reply", s);
  }

  private static void stillWaiting(GateProbeWorkflow wf, String step) {
    GateProbeWorkflow.Probe p = wf.probe();
    assertEquals(step, p.waiting() == null ? null : p.waiting().step(), "the run is unchanged");
    assertTrue(p.ignored().isEmpty(), p.ignored().toString());
  }

  private static String approve(String run, String step, String who) {
    return "{\"action\":\"approve\",\"run\":\""
        + run
        + "\",\"step\":\""
        + step
        + "\",\"who\":\""
        + who
        + "\",\"why\":\"traffic is healthy in the other region\"}";
  }

  @Test
  void aSignedBotRequestApprovesAGateAndEveryFaultyOneLeavesItWaiting() throws Exception {
    GateProbeWorkflow wf = probe("switch-traffic");
    String run = id(wf);
    String body = approve(run, "switch-traffic", "chatops-bot");

    refused(
        401,
        "X-DR-Signature",
        gw.post(
            "/v1/generic",
            "application/json",
            body.replace("healthy", "HEALTHY"),
            GatewayHarness.genericHeaders(SHARED, Instant.now(), body)));
    refused(
        401,
        "X-DR-Signature",
        gw.post(
            "/v1/generic",
            "application/json",
            body,
            GatewayHarness.genericHeaders(Secret.of("X", "wrong"), Instant.now(), body)));
    refused(
        401,
        "X-DR-Timestamp",
        gw.post(
            "/v1/generic",
            "application/json",
            body,
            GatewayHarness.genericHeaders(SHARED, Instant.now().minusSeconds(360), body)));
    refused(
        404,
        "no run with id 'gw-probe-none'",
        gw.generic(approve("gw-probe-none", "switch-traffic", "chatops-bot")));
    refused(
        403,
        "approver: generic:intruder may not approve",
        gw.generic(approve(run, "switch-traffic", "intruder")));
    refused(409, "refused approve", gw.generic(approve(run, "drop-database", "chatops-bot")));
    refused(
        400,
        "action: 'resolve' is not valid",
        gw.generic("{\"action\":\"resolve\",\"run\":\"" + run + "\"}"));
    stillWaiting(wf, "switch-traffic");

    Map<String, String> headers = GatewayHarness.genericHeaders(SHARED, Instant.now(), body);
    Reply ok = gw.post("/v1/generic", "application/json", body, headers);
    assertEquals(200, ok.status(), ok.toString());
    JsonNode answer = json(ok.body());
    assertEquals(run, answer.path("run").asText());
    assertEquals("APPROVED", answer.path("result").path("verdict").asText(), ok.toString());
    assertEquals("generic:chatops-bot", answer.path("result").path("who").asText());
    if (!gw.env.get("TEMPORAL_UI_URL", "").isBlank())
      assertTrue(answer.path("link").asText().contains("/workflows/" + run + "/"), ok.toString());
    GateDecision decision =
        WorkflowStub.fromTyped(wf).getResult(10, TimeUnit.SECONDS, GateDecision.class);
    assertEquals(GateDecision.Verdict.APPROVED, decision.verdict());

    String history = gw.client().fetchHistory(run).toJson(false);
    assertFalse(history.contains(GatewayHarness.SHARED_VALUE), "no secret in the run's history");
    assertFalse(
        history.contains(headers.get(GenericSignature.SIGNATURE).substring(3)), "nor a signature");
    refused(409, "replay", gw.post("/v1/generic", "application/json", body, headers));
    refused(409, "has ended (COMPLETED)", gw.generic(body));
  }

  /**
   * The run's approval policy applies to the identity the gateway verified: a two-approver gate
   * counts a bot's approval, refuses the same bot again (409) and an identity the policy does not
   * name (403, though the gateway's own list lets it through), and proceeds on a Slack user's
   * button: two distinct identities, each with its channel in the decision.
   */
  @Test
  void aTwoApproverGateProceedsOnlyAfterTwoDistinctIdentities() throws Exception {
    GateProbeWorkflow wf =
        probe(
            "switch-traffic",
            new GateApprovers(List.of("generic:chatops-bot", "slack:U0ALLOWED"), 2));
    String run = id(wf);

    Reply first = gw.generic(approve(run, "switch-traffic", "chatops-bot"));
    assertEquals(200, first.status(), first.toString());
    assertEquals(
        "APPROVAL_COUNTED",
        json(first.body()).path("result").path("verdict").asText(),
        first.toString());
    refused(
        409,
        "already approved: generic:chatops-bot has already approved 'switch-traffic'",
        gw.generic(approve(run, "switch-traffic", "chatops-bot")));
    refused(
        403,
        "approver not allowed: generic:standby-bot may not answer this gate",
        gw.generic(approve(run, "switch-traffic", "standby-bot")));
    assertEquals("switch-traffic", wf.probe().waiting().step(), "one approver never passes it");
    assertEquals(1, wf.probe().waiting().approvals().size(), wf.probe().toString());

    Reply second =
        gw.slack("/slack/actions", click("U0ALLOWED", "dr-approve", run + "|switch-traffic"));
    assertEquals(200, second.status(), second.toString());
    GateDecision decision =
        WorkflowStub.fromTyped(wf).getResult(10, TimeUnit.SECONDS, GateDecision.class);
    assertEquals(GateDecision.Verdict.APPROVED, decision.verdict());
    assertEquals(
        List.of("generic:chatops-bot", "slack:U0ALLOWED"),
        decision.answers().stream().map(GateAnswer::identity).toList());
    assertEquals(
        List.of("gateway (generic) (update)", "gateway (slack) (update)"),
        decision.answers().stream().map(GateAnswer::channel).toList());
  }

  @Test
  void anUpdateNoWorkerAnswersIsAnswered504WithinItsBoundNotLeftHanging() {
    String id = "gw-probe-unserved-" + UUID.randomUUID();
    gw.client()
        .newUntypedWorkflowStub(
            "GatewayGateProbe",
            WorkflowOptions.newBuilder()
                .setTaskQueue(gw.taskQueue + "-nobody")
                .setWorkflowId(id)
                .build())
        .start("switch-traffic");
    started.add(id);
    RunSteering steering =
        new RunSteering(gw.client(), gw.taskQueue, new RunLinks("", null), Duration.ofSeconds(1));
    Refusal r =
        assertThrows(
            Refusal.class,
            () ->
                steering.update(
                    id,
                    "approve",
                    new Approval("switch-traffic", "generic:chatops-bot", "x"),
                    GateDecision.class));
    assertEquals(504, r.status(), r.reason());
    assertTrue(r.reason().contains("did not answer approve within 1 s"), r.reason());
  }

  private static String form(Map<String, String> fields) {
    StringBuilder s = new StringBuilder();
    fields.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return s.toString();
  }

  private static String slash(String user, String text) {
    return form(
        Map.of(
            "command",
            "/dr",
            "text",
            text,
            "user_id",
            user,
            "channel_id",
            "C0INCIDENT",
            "team_id",
            "T0DR"));
  }

  private static String click(String user, String actionId, String value) {
    return form(
        Map.of(
            "payload",
            "{\"type\":\"block_actions\",\"user\":{\"id\":\""
                + user
                + "\"},\"channel\":{\"id\":\"C0INCIDENT\"},"
                + "\"actions\":[{\"action_id\":\""
                + actionId
                + "\",\"value\":\""
                + value
                + "\"}]}"));
  }

  @Test
  void slackSlashCommandsAndButtonsApproveAndAbortAsTheVerifiedSlackUser() throws Exception {
    GateProbeWorkflow a = probe("scale-up");
    String cmd = slash("U0ALLOWED", "approve " + id(a) + " scale-up capacity is ready");
    refused(
        401,
        "X-Slack-Request-Timestamp",
        gw.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            cmd,
            GatewayHarness.slackHeaders(SLACK, Instant.now().minusSeconds(301), cmd)));
    refused(
        401,
        "X-Slack-Signature",
        gw.post(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            cmd,
            GatewayHarness.slackHeaders(Secret.of("X", "wrong"), Instant.now(), cmd)));
    refused(
        403,
        "approver: slack:U0OTHER",
        gw.slack("/slack/commands", slash("U0OTHER", "approve " + id(a) + " scale-up sure")));
    refused(
        400,
        "needs a run, a step and a reason",
        gw.slack("/slack/commands", slash("U0ALLOWED", "approve " + id(a) + " scale-up")));
    stillWaiting(a, "scale-up");
    Reply ok = gw.slack("/slack/commands", cmd);
    assertEquals(200, ok.status(), ok.toString());
    assertEquals("in_channel", json(ok.body()).path("response_type").asText());
    GateDecision d = WorkflowStub.fromTyped(a).getResult(10, TimeUnit.SECONDS, GateDecision.class);
    assertEquals(GateDecision.Verdict.APPROVED, d.verdict());
    assertEquals("slack:U0ALLOWED", d.who());
    assertTrue(d.why().startsWith("capacity is ready (via Slack channel C0INCIDENT)"), d.why());

    GateProbeWorkflow b = probe("switch-traffic");
    refused(
        403,
        "approver: slack:U0OTHER",
        gw.slack("/slack/actions", click("U0OTHER", "dr-abort", id(b) + "|switch-traffic")));
    stillWaiting(b, "switch-traffic");
    Reply aborted =
        gw.slack("/slack/actions", click("U0ALLOWED", "dr-abort", id(b) + "|switch-traffic"));
    assertEquals(200, aborted.status(), aborted.toString());
    GateDecision db = WorkflowStub.fromTyped(b).getResult(10, TimeUnit.SECONDS, GateDecision.class);
    assertEquals(GateDecision.Verdict.ABORTED, db.verdict());
    assertEquals("slack:U0ALLOWED", db.who());
  }

  /**
   * The sandbox stand-in's record of what the worker's notification channels posted about {@code
   * run} (deploy/local/health_standin.py keeps each as {"channel", "body"}).
   */
  private static List<JsonNode> notifications(String channel, String run) throws Exception {
    java.nio.file.Path file =
        java.nio.file.Path.of(gw.env.require("DR_SANDBOX_HOME"), "notifications.jsonl");
    List<JsonNode> found = new ArrayList<>();
    if (!java.nio.file.Files.exists(file)) return found;
    for (String line : java.nio.file.Files.readAllLines(file)) {
      JsonNode n = json(line);
      if (n.path("channel").asText().equals(channel) && n.path("body").toString().contains(run))
        found.add(n.path("body"));
    }
    return found;
  }

  @Test
  void aWaitingGateIsPostedToPagerDutyAndToSlackWhoseApproveButtonTheGatewayAccepts()
      throws Exception {
    GateProbeWorkflow wf = probe("switch-traffic");
    String run = id(wf);
    await(
        () -> {
          try {
            return !notifications("slack", run).isEmpty()
                && !notifications("pagerduty", run).isEmpty();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        "the gate's Slack and PagerDuty notifications");

    // PagerDuty Events API v2 (the stand-in answered 202 only to a valid event)
    JsonNode pd = notifications("pagerduty", run).get(0);
    assertEquals("trigger", pd.path("event_action").asText());
    assertEquals(run, pd.path("dedup_key").asText());
    assertEquals(32, pd.path("routing_key").asText().length());
    assertTrue(pd.path("payload").path("summary").isTextual(), pd.toString());
    assertEquals("warning", pd.path("payload").path("severity").asText());
    Instant.parse(pd.path("payload").path("timestamp").asText());
    assertEquals("switch-traffic", pd.path("payload").path("custom_details").path("gate").asText());

    // Slack Block Kit: the actions block's approve button, clicked as an allowed Slack user
    JsonNode slack = notifications("slack", run).get(0);
    JsonNode actions = null;
    for (JsonNode block : slack.path("blocks"))
      if (block.path("type").asText().equals("actions")) actions = block;
    assertTrue(actions != null, "no buttons in " + slack);
    JsonNode approve = actions.path("elements").get(0);
    assertEquals("button", approve.path("type").asText());
    stillWaiting(wf, "switch-traffic");
    Reply clicked =
        gw.slack(
            "/slack/actions",
            click("U0ALLOWED", approve.path("action_id").asText(), approve.path("value").asText()));
    assertEquals(200, clicked.status(), clicked.toString());
    GateDecision d = WorkflowStub.fromTyped(wf).getResult(10, TimeUnit.SECONDS, GateDecision.class);
    assertEquals(GateDecision.Verdict.APPROVED, d.verdict());
    assertEquals("slack:U0ALLOWED", d.who());

    JsonNode abort = actions.path("elements").get(1);
    GateProbeWorkflow other = probe("switch-traffic");
    String otherValue = abort.path("value").asText().replace(run, id(other));
    Reply aborted =
        gw.slack(
            "/slack/actions", click("U0ALLOWED", abort.path("action_id").asText(), otherValue));
    assertEquals(200, aborted.status(), aborted.toString());
    assertEquals(
        GateDecision.Verdict.ABORTED,
        WorkflowStub.fromTyped(other)
            .getResult(10, TimeUnit.SECONDS, GateDecision.class)
            .verdict());
  }

  private static String pdEvent(String eventId, String type, String incident, String service) {
    return "{\"event\":{\"id\":\""
        + eventId
        + "\",\"event_type\":\""
        + type
        + "\","
        + "\"resource_type\":\"incident\",\"occurred_at\":\""
        + Instant.now()
        + "\","
        + "\"agent\":{\"id\":\"PUSER1\",\"type\":\"user_reference\"},"
        + "\"data\":{\"id\":\""
        + incident
        + "\",\"type\":\"incident\",\"title\":\"Inventory API 5xx\","
        + "\"urgency\":\"high\",\"priority\":{\"summary\":\"P1\"},"
        + "\"service\":{\"id\":\""
        + service
        + "\",\"summary\":\"Inventory\"}}}}";
  }

  private static Reply pd(String body) {
    return gw.post(
        "/pagerduty",
        "application/json",
        body,
        Map.of(
            PagerDutySignature.SIGNATURE, PagerDutySignature.sign(GatewayHarness.PAGERDUTY, body)));
  }

  private static IncidentStatus statusOf(String run) {
    return gw.client().newWorkflowStub(IncidentResponseWorkflow.class, run).status();
  }

  private static void awaitPhase(String run, Predicate<String> phase) throws InterruptedException {
    await(() -> phase.test(statusOf(run).phase()), "incident " + run + " phase");
  }

  @Test
  void pagerDutyOpensAcknowledgesAndMovesAnIncidentToVerification() throws Exception {
    String incident = "Q" + Long.toString(System.nanoTime(), 36).toUpperCase();
    String run = PagerDutyEndpoint.runId(incident);
    String triggered =
        pdEvent("E1" + incident, "incident.triggered", incident, GatewayHarness.PD_SERVICE);
    refused(
        401,
        "no signature matches",
        gw.post(
            "/pagerduty",
            "application/json",
            triggered,
            Map.of(
                PagerDutySignature.SIGNATURE,
                PagerDutySignature.sign(Secret.of("X", "wrong"), triggered))));
    refused(
        401,
        "no signature matches",
        gw.post(
            "/pagerduty",
            "application/json",
            triggered.replace("P1", "P4"),
            Map.of(
                PagerDutySignature.SIGNATURE,
                PagerDutySignature.sign(GatewayHarness.PAGERDUTY, triggered))));
    refused(
        422,
        "'PUNMAPPED' is not mapped",
        pd(pdEvent("E0" + incident, "incident.triggered", incident, "PUNMAPPED")));
    Reply opened = pd(triggered);
    assertEquals(200, opened.status(), opened.toString());
    started.add(run);
    assertEquals(run, json(opened.body()).path("run").asText());
    refused(409, "replay", pd(triggered));
    refused(409, "already exists", pd(triggered.replace("\"E1", "\"E9")));
    awaitPhase(run, "detection"::equals);
    assertEquals("P1", statusOf(run).severity());

    Reply acked =
        pd(pdEvent("E2" + incident, "incident.acknowledged", incident, GatewayHarness.PD_SERVICE));
    assertEquals(200, acked.status(), acked.toString());
    assertEquals("pagerduty:PUSER1", statusOf(run).acknowledgedBy());
    Reply slackNote =
        gw.slack("/slack/commands", slash("U0ANYONE", "note " + run + " db replica lag is 40 s"));
    assertEquals(200, slackNote.status(), slackNote.toString());
    refused(
        404,
        "no run with id 'incident-none'",
        gw.slack("/slack/commands", slash("U0ANYONE", "note incident-none hello")));
    assertEquals(
        200,
        pd(pdEvent("E3" + incident, "incident.annotated", incident, GatewayHarness.PD_SERVICE))
            .status());

    // A bot notes the communication, then PagerDuty's resolve marks recovery done: verification.
    Reply noted =
        gw.generic(
            "{\"action\":\"note\",\"run\":\""
                + run
                + "\",\"who\":\"statusbot\",\"text\":\"status page"
                + " updated\",\"kind\":\"communication\"}");
    assertEquals(200, noted.status(), noted.toString());
    Reply resolved =
        pd(pdEvent("E4" + incident, "incident.resolved", incident, GatewayHarness.PD_SERVICE));
    assertEquals(200, resolved.status(), resolved.toString());
    assertEquals("verification", statusOf(run).phase());
    refused(
        404,
        "no run with id",
        pd(pdEvent("E5" + incident, "incident.acknowledged", "QNONE", GatewayHarness.PD_SERVICE)));
  }

  @Test
  void snsConfirmsItsSubscriptionAndAMappedAlarmStartsItsProcedure() throws Exception {
    TestCertificate cert = gw.cert;
    String subscribe =
        "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
            + SnsMessages.TOPIC
            + "&Token=abc";
    ObjectNode confirmation =
        SnsMessages.confirmation(cert, UUID.randomUUID().toString(), Instant.now(), subscribe);
    Reply c = gw.post("/sns", "text/plain", confirmation.toString(), Map.of());
    assertEquals(200, c.status(), c.toString());
    assertEquals(List.of(URI.create(subscribe)), gw.confirmed);

    ObjectNode forged =
        SnsMessages.signed(
            TestCertificate.generate(),
            SnsMessages.alarm(
                cert, UUID.randomUUID().toString(), Instant.now(), GatewayHarness.ALARM, "ALARM"),
            "1");
    refused(
        401,
        "Signature: does not match",
        gw.post("/sns", "text/plain", forged.toString(), Map.of()));
    ObjectNode stale =
        SnsMessages.alarm(
            cert,
            UUID.randomUUID().toString(),
            Instant.now().minusSeconds(600),
            GatewayHarness.ALARM,
            "ALARM");
    refused(401, "Timestamp", gw.post("/sns", "text/plain", stale.toString(), Map.of()));
    ObjectNode ok =
        SnsMessages.alarm(
            cert, UUID.randomUUID().toString(), Instant.now(), "some-other-alarm", "OK");
    Reply ignored = gw.post("/sns", "text/plain", ok.toString(), Map.of());
    assertEquals(200, ignored.status(), ignored.toString());
    assertTrue(json(ignored.body()).has("ignored"), ignored.toString());

    ObjectNode alarm =
        SnsMessages.alarm(
            cert, UUID.randomUUID().toString(), Instant.now(), GatewayHarness.ALARM, "ALARM");
    Reply s = gw.post("/sns", "text/plain", alarm.toString(), Map.of());
    assertEquals(200, s.status(), s.toString());
    String run = json(s.body()).path("run").asText();
    started.add(run);
    assertTrue(run.startsWith("incident-response-inventory-"), run);
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        gw.client().newUntypedWorkflowStub(run).describe().getStatus());
    awaitPhase(run, "detection"::equals);
    assertNull(statusOf(run).acknowledgedBy());
    refused(409, "replay", gw.post("/sns", "text/plain", alarm.toString(), Map.of()));
  }
}
