package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.DETECTED;
import static dev.drrunbooks.incident.IncidentFixtures.opened;
import static dev.drrunbooks.incident.IncidentFixtures.read;
import static dev.drrunbooks.incident.IncidentFixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The post-incident review and the run's result, read from a resolved state without a server. */
class IncidentReviewTest {

  private static Instant at(int minutes) {
    return DETECTED.plus(Duration.ofMinutes(minutes));
  }

  /**
   * Inventory (RTO 30m) verified at +20m after a restore that measured its RPO; locations (1h) at
   * +70m.
   */
  private static IncidentState resolved() {
    IncidentState s = opened(Severity.P1, "inventory", "locations");
    s.acknowledgedBy = "ann";
    s.markDone(IncidentPhase.DETECTION, "ann", at(2));
    s.escalated.add(IncidentPhase.VERIFICATION);
    s.children.put(
        "c1",
        running("c1", RecoveryKind.RESTORE, "inventory").ended("RESTORED", at(15), "restored"));
    s.childTimelines.put(
        "c1", List.of(new TimelineEntry("restore", at(5), at(15), Outcome.SUCCEEDED, "ok")));
    s.rpoByService.put(
        "inventory",
        ObjectiveCheck.of(Duration.ofMinutes(15), Duration.ofMinutes(20), "restore point"));
    s.validationByService.put(
        "inventory", read("{\"passed\":true,\"summary\":\"3 of 3\"}", ValidationReport.class));
    s.verifiedAt.put("inventory", at(20));
    s.verifiedAt.put("locations", at(70));
    s.notes.add("assessment by ann: writes fail");
    s.severityHistory.add("P2 -> P1 by ann: worse");
    s.timeline.add(
        new TimelineEntry("acknowledged by ann", at(2), at(2), Outcome.SUCCEEDED, "paged"));
    s.resolution = new Resolution("ann", "green", false, " ", null);
    s.resolvedAt = at(80);
    return s;
  }

  @Test
  void aResolvedIncidentsObjectivesLineAndResult() {
    IncidentReview review = new IncidentReview(resolved());
    assertFalse(review.forced());
    assertEquals(IncidentOutcome.RESOLVED, review.outcome());
    IncidentResult r = review.result(new ReportFiles("/r", "/r/a.md", "/r/a.json", "/r/a.html"));
    assertEquals(
        "P1 incident incident-test resolved by ann after 1h20m; 1 deadline(s) missed; 1 recovery "
            + "procedure(s); 2 service(s) breached an objective",
        r.summaryLine(),
        "inventory's RPO, locations' RTO");
    ServiceRecovery inventory = r.objectives().get(0);
    assertEquals(Duration.ofMinutes(20), inventory.rto().achieved());
    assertFalse(inventory.rto().breached());
    assertTrue(inventory.rpo().breached());
    assertEquals(
        "from incident time " + DETECTED + " to verification at " + at(20),
        inventory.rto().basis());
    ServiceRecovery locations = r.objectives().get(1);
    assertTrue(locations.rto().breached(), "70m over 1h");
    assertEquals("not measured: no restore was run from the incident", locations.rpo().basis());
    assertEquals(List.of("verification"), r.escalated());
    assertEquals("/r", r.review().directory());
    assertEquals("ann", r.resolvedBy());
    assertEquals(at(80), r.resolvedAt());
    assertEquals(
        "no drill scheduled: the resolve did not name one (see dr schedules list)",
        r.followUpDrill().note());
    assertEquals(5, r.phases().size());
    assertEquals(1, r.timeline().size());
  }

  @Test
  void theReviewHasTheChildsStepsTheValidationAndTheNotes() {
    RunReport report = new IncidentReview(resolved()).report("incident-response");
    assertEquals("P1 incident: API returns 503", report.title());
    assertEquals("RESOLVED", report.outcome());
    assertTrue(report.passed());
    assertEquals(DETECTED, report.rtoLine().from(), "the RTO clock starts at detection");
    assertEquals(
        List.of("acknowledged by ann", "c1: restore"),
        report.timeline().stream().map(ReportStep::step).toList());
    assertEquals(2, report.objectives().size());
    List<String> notes = report.notes();
    assertTrue(
        notes.contains("Recovery c1 (restore of inventory, started by alice): RESTORED: restored"),
        notes.toString());
    assertTrue(
        notes.contains("Severity: P1 at open by alert; P2 -> P1 by ann: worse"), notes.toString());
    assertTrue(
        notes.contains("Phase detection: done (deadline " + at(5) + ", done " + at(2) + " by ann)"),
        notes.toString());
    assertTrue(
        notes.contains("Phase verification: missed (deadline " + at(30) + ", escalated)"),
        notes.toString());
    assertTrue(notes.contains("Note: assessment by ann: writes fail"), notes.toString());
    assertTrue(notes.contains("Root cause: to be filled in"), "a blank root cause: " + notes);
    assertTrue(
        notes.contains(
            "Follow-up DR drill: no drill scheduled: the resolve did not name one (see dr "
                + "schedules list)"),
        notes.toString());
  }

  @Test
  void aForcedResolveWithARunningChildAndANamedDrill() {
    IncidentState s = resolved();
    s.verifiedAt.remove("locations");
    s.children.put("c2", running("c2", RecoveryKind.ECS, "locations"));
    Instant next = Instant.parse("2026-12-05T02:00:00Z");
    s.resolution =
        new Resolution(
            "ann", "over", true, "a bad deploy", FollowUpDrill.scheduled("dr-monthly", next));
    IncidentReview review = new IncidentReview(s);
    assertTrue(review.forced());
    IncidentResult r = review.result(null);
    assertEquals(IncidentOutcome.RESOLVED_FORCED, r.outcome());
    assertNull(r.review());
    assertEquals(next, r.followUpDrill().nextRun());
    assertTrue(r.summaryLine().contains(" resolved forced by ann"), r.summaryLine());
    assertNull(r.objectives().get(1).verifiedAt());
    assertEquals(
        "not verified before the incident was resolved", r.objectives().get(1).rto().basis());
    RunReport report = review.report("incident-response");
    assertFalse(report.passed());
    assertTrue(report.notes().contains("Root cause: a bad deploy"), report.notes().toString());
    assertTrue(
        report.notes().contains("Follow-up DR drill: " + next + " (schedule dr-monthly)"),
        report.notes().toString());
    assertTrue(
        report.notes().contains("Recovery c2 (ecs of locations, started by alice): RUNNING: why"),
        report.notes().toString());

    s.children.remove("c2");
    s.verifiedAt.put("locations", at(40));
    s.rpoByService.clear();
    assertEquals(false, new IncidentReview(s).forced());
    assertTrue(
        new IncidentReview(s).result(null).summaryLine().endsWith("; objectives met"),
        new IncidentReview(s).result(null).summaryLine());
  }
}
