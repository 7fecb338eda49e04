package dev.drrunbooks.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.gateway.steer.Answer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Slack channel reads after a command or a button: what the run did, not just "done". */
class SlackReplyTextTest {

  @Test
  void aGateAnswerSaysWhatTheGateDidAndWhy() {
    GateDecision counted =
        new GateDecision(
            "switch-traffic",
            GateDecision.Verdict.APPROVAL_COUNTED,
            "slack:U0DEMO",
            "1 of 2 approvals; the gate waits for 1 more",
            Instant.parse("2026-12-01T23:00:00Z"),
            List.of());
    assertEquals(
        "dr: APPROVAL_COUNTED at switch-traffic on run-1 by slack:U0DEMO: 1 of 2 approvals; the"
            + " gate waits for 1 more <http://ui/run-1|open the run>",
        SlackEndpoint.replyText(new Answer("run-1", "r", "http://ui/run-1", counted)));
  }

  @Test
  void anythingElseSaysItTookEffectOrStartedTheRun() {
    assertEquals(
        "dr: done on incident-1",
        SlackEndpoint.replyText(new Answer("incident-1", "r", null, "ok")));
    assertEquals(
        "dr: started incident-2 <http://ui/i2|open the run>",
        SlackEndpoint.replyText(new Answer("incident-2", "r", "http://ui/i2", null)));
  }
}
