package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The label of an incident's deadline timer in the Temporal UI. */
class PhaseDeadlineSummaryTest {
  @Test
  void namesEveryPhaseDueAtTheNextDeadline() {
    IncidentState s = opened(Severity.P1, "inventory");
    PhaseDeadlines d = new PhaseDeadlines(s);
    assertEquals(
        "incident deadline: detection at 2026-11-30T10:05:00Z (escalates if missed)",
        d.nextSummary());
    s.escalated.addAll(
        List.of(IncidentPhase.DETECTION, IncidentPhase.ASSESSMENT, IncidentPhase.COMMUNICATION));
    assertEquals(
        "incident deadline: recovery, verification at 2026-11-30T10:30:00Z (escalates if missed)",
        d.nextSummary(),
        "both due at the RTO");
  }

  @Test
  void noneWhenNothingIsLeftToEscalate() {
    IncidentState s = opened(Severity.P1, "inventory");
    s.escalated.addAll(List.of(IncidentPhase.values()));
    assertNull(new PhaseDeadlines(s).nextSummary());
  }
}
