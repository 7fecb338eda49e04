package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.DETECTED;
import static dev.drrunbooks.incident.IncidentFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.ServiceDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseDeadlinesTest {

  private static Instant at(int minutes) {
    return DETECTED.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void p1DeadlinesRunFromDetectionAndRecoveryAndVerificationFromTheStrictestRto() {
    PhaseDeadlines d = new PhaseDeadlines(opened(Severity.P1, "locations", "inventory"));
    assertEquals(at(5), d.of(IncidentPhase.DETECTION));
    assertEquals(at(15), d.of(IncidentPhase.ASSESSMENT));
    assertEquals(at(20), d.of(IncidentPhase.COMMUNICATION));
    assertEquals(at(30), d.of(IncidentPhase.RECOVERY), "inventory's 30m, not locations' 1h");
    assertEquals(at(30), d.of(IncidentPhase.VERIFICATION));
    assertEquals(
        "detection +5m, assessment +15m, communication +20m, recovery +30m, verification +30m",
        d.line());
  }

  @Test
  void runsOpenedBeforeRecoveryDoneOnChildSuccessKeepRecoveryAtTwentyMinutes() {
    IncidentState s = opened(Severity.P2, "inventory");
    s.recoveryDoneOnChildSuccess = false;
    assertEquals(at(40), new PhaseDeadlines(s).of(IncidentPhase.RECOVERY), "P2: 20m x 2");
    assertEquals(at(60), new PhaseDeadlines(s).of(IncidentPhase.VERIFICATION));
  }

  @Test
  void aSeverityChangeMovesEveryDeadline() {
    IncidentState s = opened(Severity.P4, "inventory");
    PhaseDeadlines d = new PhaseDeadlines(s);
    assertEquals(at(40), d.of(IncidentPhase.DETECTION), "P4: 5m x 8");
    assertEquals(at(240), d.of(IncidentPhase.VERIFICATION));
    s.severity = Severity.P3;
    assertEquals(at(20), d.of(IncidentPhase.DETECTION), "read from the state: moved at once");
    assertEquals(at(120), d.of(IncidentPhase.VERIFICATION));
    assertEquals(at(20), d.next());
    s.severity = Severity.P1;
    assertEquals(at(5), d.next());
  }

  @Test
  void withoutAnRtoTheRtoBoundPhasesHaveNoDeadline() {
    IncidentState s = opened(Severity.P1, "inventory");
    ServiceDefinition noRto =
        IncidentFixtures.service(
            "inventory",
            n ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("spec").get("objectives"))
                    .putNull("rto"));
    s.definitions.put("inventory", noRto);
    PhaseDeadlines d = new PhaseDeadlines(s);
    assertNull(d.of(IncidentPhase.VERIFICATION));
    assertNull(d.of(IncidentPhase.RECOVERY));
    assertEquals("detection +5m, assessment +15m, communication +20m", d.line());
    s.markDone(IncidentPhase.DETECTION, "a", at(1));
    s.markDone(IncidentPhase.ASSESSMENT, "a", at(1));
    s.markDone(IncidentPhase.COMMUNICATION, "a", at(1));
    assertNull(d.next(), "nothing left to wait for");
    assertEquals(List.of(), d.missedAt(at(1000)));
    PhaseStatus v = d.statusOf(IncidentPhase.VERIFICATION, at(1000));
    assertEquals("open", v.state());
    assertNull(v.left());
  }

  @Test
  void aDeadlineIsMissedAtItsInstantNotBeforeAndOnlyWhileNeitherDoneNorEscalated() {
    IncidentState s = opened(Severity.P1, "inventory");
    PhaseDeadlines d = new PhaseDeadlines(s);
    assertEquals(List.of(), d.missedAt(at(5).minusMillis(1)));
    assertEquals(List.of(IncidentPhase.DETECTION), d.missedAt(at(5)));
    assertEquals(
        List.of(
            IncidentPhase.DETECTION,
            IncidentPhase.ASSESSMENT,
            IncidentPhase.COMMUNICATION,
            IncidentPhase.RECOVERY,
            IncidentPhase.VERIFICATION),
        d.missedAt(at(30)),
        "in phase order");
    s.escalated.add(IncidentPhase.DETECTION);
    s.markDone(IncidentPhase.ASSESSMENT, "bob", at(2));
    assertEquals(List.of(IncidentPhase.COMMUNICATION), d.missedAt(at(20)));
    assertEquals(at(20), d.next(), "escalated and done phases no longer wake the loop");
  }

  @Test
  void statusOfAPhaseComparesItsCompletionWithItsDeadline() {
    IncidentState s = opened(Severity.P1, "inventory");
    PhaseDeadlines d = new PhaseDeadlines(s);
    PhaseStatus open = d.statusOf(IncidentPhase.DETECTION, at(3));
    assertEquals("open", open.state());
    assertEquals(Duration.ofMinutes(2), open.left());
    assertEquals(Duration.ofMinutes(3), open.elapsed());
    assertFalse(open.escalated());
    assertEquals("missed", d.statusOf(IncidentPhase.DETECTION, at(5)).state());
    assertEquals(Duration.ofMinutes(-1), d.statusOf(IncidentPhase.DETECTION, at(6)).left());

    s.markDone(IncidentPhase.DETECTION, "carol", at(5));
    PhaseStatus onTime = d.statusOf(IncidentPhase.DETECTION, at(50));
    assertEquals("done", onTime.state(), "done at the deadline is on time");
    assertEquals("carol", onTime.doneBy());
    assertEquals(Duration.ofMinutes(5), onTime.elapsed(), "up to when it was done");
    assertNull(onTime.left());

    s.markDone(IncidentPhase.ASSESSMENT, "carol", at(15).plusMillis(1));
    s.escalated.add(IncidentPhase.ASSESSMENT);
    PhaseStatus late = d.statusOf(IncidentPhase.ASSESSMENT, at(50));
    assertEquals("done-late", late.state());
    assertTrue(late.escalated());
    assertEquals(5, d.statuses(at(50)).size());
  }
}
