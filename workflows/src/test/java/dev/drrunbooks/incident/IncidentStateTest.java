package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.DETECTED;
import static dev.drrunbooks.incident.IncidentFixtures.json;
import static dev.drrunbooks.incident.IncidentFixtures.opened;
import static dev.drrunbooks.incident.IncidentFixtures.read;
import static dev.drrunbooks.incident.IncidentFixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentStateTest {

  @Test
  void theStateSurvivesJsonAsContinueAsNewCarriesIt() {
    IncidentState s = opened(Severity.P1, "inventory", "locations");
    s.acknowledgedBy = "alice";
    s.markDone(IncidentPhase.DETECTION, "alice", DETECTED.plusSeconds(60));
    s.escalated.add(IncidentPhase.VERIFICATION);
    s.escalated.add(IncidentPhase.ASSESSMENT);
    s.children.put("c1", running("c1", RecoveryKind.FAILOVER, "inventory"));
    s.childTimelines.put(
        "c1", List.of(new TimelineEntry("shift", DETECTED, DETECTED, Outcome.SUCCEEDED, "")));
    s.verifiedAt.put("locations", DETECTED.plusSeconds(600));
    s.notes.add("note by alice: hello");
    s.timeline.add(
        new TimelineEntry("acknowledged by alice", DETECTED, DETECTED, Outcome.SUCCEEDED, ""));
    s.continuesAsNew = true;
    s.continueAsNewAfterEvents = 40;
    s.continuedRuns = 2;

    String written = json(IncidentInput.continuing(s));
    assertFalse(
        written.contains("\"resolved\""), "fields only, no getter-like methods: " + written);
    IncidentState back = read(written, IncidentInput.class).state();

    assertEquals(json(s), json(back), "every field round-trips");
    assertEquals(List.of("assessment", "verification"), back.escalatedLabels(), "in phase order");
    assertEquals(Severity.P1, back.severity);
    assertEquals(List.of("inventory", "locations"), back.services);
    assertEquals(List.of("inventory", "locations"), List.copyOf(back.definitions.keySet()));
    assertEquals(RecoveryKind.FAILOVER, back.children.get("c1").kind());
    assertEquals(40, back.continueAsNewAfterEvents);
    assertEquals(2, back.continuedRuns);
    assertTrue(back.continuesAsNew);
    assertTrue(back.recoveryDoneOnChildSuccess);
    assertEquals(
        new PhaseDeadlines(s).next(),
        new PhaseDeadlines(back).next(),
        "deadlines carry as instants");
  }

  @Test
  void anOldInputWithoutTheNewFieldsStillReads() {
    IncidentInput in =
        read(
            "{\"severity\":\"P1\",\"services\":[\"inventory\"],\"summary\":\"x\"}",
            IncidentInput.class);
    assertNull(in.state());
    assertNull(in.continueAsNewAfterEvents());
    assertEquals(new IncidentInput("P1", List.of("inventory"), "x", null, null), in);
  }

  @Test
  void thePhaseIsTheFirstNotDone() {
    IncidentState s = opened(Severity.P1, "inventory");
    assertEquals("detection", s.currentPhase());
    s.markDone(IncidentPhase.DETECTION, "a", DETECTED);
    s.markDone(IncidentPhase.COMMUNICATION, "a", DETECTED);
    assertEquals("assessment", s.currentPhase());
    for (IncidentPhase p : IncidentPhase.values()) s.markDone(p, "b", DETECTED.plusSeconds(9));
    assertEquals("ready-to-resolve", s.currentPhase());
    assertEquals("a", s.doneBy.get(IncidentPhase.DETECTION), "the first completion counts");
    assertEquals(DETECTED, s.doneAt.get(IncidentPhase.DETECTION));
    s.resolution = Resolution.of("a", "over");
    assertTrue(s.resolved());
    assertEquals("resolved", s.currentPhase());
    s.opened = false;
    s.resolution = null;
    assertEquals("opening", s.currentPhase());
  }

  @Test
  void openingRecordsTheSeverityAndTheStrictestRtoIsTheSmallest() {
    IncidentState s =
        IncidentState.opening("i", Severity.P3, List.of("locations"), "slow", DETECTED, "bot");
    assertEquals(List.of("P3 at open by bot"), s.severityHistory);
    assertNull(s.strictestRto(), "no definitions read yet");
    IncidentState both = opened(Severity.P1, "locations", "inventory");
    assertEquals(Duration.ofMinutes(30), both.strictestRto());
    assertEquals(List.of("locations", "inventory"), both.unverified());
    both.verifiedAt.put("inventory", Instant.EPOCH);
    assertEquals(List.of("locations"), both.unverified());
    both.children.put("a", running("a", RecoveryKind.ECS, "inventory"));
    both.children.put(
        "b", running("b", RecoveryKind.ECS, "inventory").ended("RECOVERED", DETECTED, "ok"));
    assertEquals(
        List.of("a"), both.runningChildren().stream().map(ChildRecovery::workflowId).toList());
  }

  @Test
  void theHistoryBoundIsTheInputsOrTheDefault() {
    assertEquals(ContinueAsNewPolicy.DEFAULT_EVENTS, ContinueAsNewPolicy.boundOf(null));
    assertEquals(40, ContinueAsNewPolicy.boundOf(40));
    assertEquals(ContinueAsNewPolicy.MIN_EVENTS, ContinueAsNewPolicy.boundOf(3));
  }
}
