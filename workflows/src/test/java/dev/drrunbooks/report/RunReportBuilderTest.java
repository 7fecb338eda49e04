package dev.drrunbooks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportBuilderTest {

  @Test
  void aRestoreCarriesItsObjectivesMeasuredFromTheIncident() {
    RunReport r = TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-inventory-1");
    assertEquals("pitr", r.procedure());
    assertEquals(ReportFixtures.START, r.start());
    assertEquals(ReportFixtures.START.plus(Duration.ofMinutes(23)), r.end());
    assertTrue(r.breached());
    ObjectiveRow row = r.objectives().get(0);
    assertTrue(row.rtoBreached());
    assertFalse(row.rpoBreached());
    assertEquals(
        ReportFixtures.INCIDENT, r.rtoLine().from(), "the RTO clock starts at the incident");
    assertEquals(2, r.evidence().size());
  }

  @Test
  void aBackupTestWithoutObjectivesDrawsNoLine() {
    RunReport r = TestReports.from(ReportFixtures.backupValidation(), "bv-1");
    assertNull(r.rtoLine());
    assertTrue(r.objectives().isEmpty());
    assertEquals(1, r.cleanup().size());
  }

  /** What a drill's adapter will do: one service() per service, the run's steps, its clean-up. */
  @Test
  void severalServicesGiveOneRowEachAndTheStrictestObjectiveAsTheLine() {
    RunReport r =
        RunReport.builder("dr-drill-1", "dr-drill", "Monthly DR drill")
            .outcome("FAILED", false, "1 of 2 services failed")
            .steps(
                List.of(
                    ReportFixtures.step(
                        "create test environment", 0, 3, Outcome.SUCCEEDED, "stack up")))
            .service(
                "inventory",
                List.of(ReportFixtures.step("restore", 3, 20, Outcome.SUCCEEDED, "ok")),
                ObjectiveCheck.of(
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(20),
                    "from run start " + ReportFixtures.START),
                null,
                ReportFixtures.validation(true),
                true)
            .service(
                "payments",
                List.of(ReportFixtures.step("restore", 3, 18, Outcome.FAILED, "timeout")),
                ObjectiveCheck.of(
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(18),
                    "from run start " + ReportFixtures.START),
                null,
                ReportFixtures.validation(false),
                false)
            .cleanup(
                null,
                List.of(new CleanupRecord("stack:dr-test-1", Outcome.COMPENSATED, "deleting")))
            .build();

    assertEquals(List.of("inventory", "payments"), r.services());
    assertEquals(2, r.objectives().size());
    assertEquals("payments", r.rtoLine().service());
    assertEquals(Duration.ofMinutes(15), r.rtoLine().objective());
    assertTrue(r.rtoLine().breached());
    assertEquals(3, r.timeline().size());
    assertEquals(4, r.evidence().size());
    assertEquals(
        "payments",
        r.timeline().get(2).service(),
        "steps carry their service when there are several");
  }

  @Test
  void theModelsSmallAnswers() {
    RunReport r = TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-1");
    assertEquals(Duration.ofMinutes(23), r.took());
    assertNull(
        RunReport.builder("x", "pitr", "t").build().took(), "unknown without steps or period");
    assertEquals(List.of("inventory"), r.services());
    assertEquals("http://ui/1", r.withRunLink("http://ui/1").runLink());
    assertEquals(r.timeline(), r.withRunLink("http://ui/1").timeline());
    assertTrue(r == r.withRunLink(null), "kept as it is");
    assertEquals(ReportFixtures.INCIDENT.plus(Duration.ofMinutes(30)), r.rtoLine().at());
    assertEquals(
        Duration.ofMinutes(3),
        new ReportStep(
                null,
                "s",
                ReportFixtures.START,
                ReportFixtures.START.plusSeconds(180),
                Outcome.SUCCEEDED,
                null)
            .took());
    assertEquals(
        Duration.ZERO, new ReportStep(null, "s", null, ReportFixtures.START, null, null).took());
    assertEquals(
        Duration.ZERO, new ReportStep(null, "s", ReportFixtures.START, null, null, null).took());
    assertTrue(new CleanupRow(null, "rds:x", Outcome.FAILED, "AccessDenied").failed());
    assertFalse(new CleanupRow(null, "rds:x", Outcome.COMPENSATED, "deleting").failed());
  }

  @Test
  void theRtoClockStartsWhereTheBasisSaysOrAtTheRunStart() {
    assertEquals(
        ReportFixtures.INCIDENT,
        RunReport.Builder.measuredFrom(
            "from incident time " + ReportFixtures.INCIDENT + ";", ReportFixtures.START));
    assertEquals(ReportFixtures.START, RunReport.Builder.measuredFrom(null, ReportFixtures.START));
    assertEquals(
        ReportFixtures.START,
        RunReport.Builder.measuredFrom("restore duration", ReportFixtures.START));
    assertEquals(
        ReportFixtures.START,
        RunReport.Builder.measuredFrom("from run start soon", ReportFixtures.START));
  }

  @Test
  void anObjectiveRowJoinsTwoBasesAndFlagsEitherBreach() {
    ObjectiveCheck rto =
        ObjectiveCheck.of(Duration.ofMinutes(30), Duration.ofMinutes(40), "from run start");
    ObjectiveCheck rpo =
        ObjectiveCheck.of(Duration.ofMinutes(15), Duration.ofMinutes(5), "restore point");
    ObjectiveRow both = ObjectiveRow.of("inventory", rto, rpo, false);
    assertEquals("RTO from run start; RPO restore point", both.basis());
    assertTrue(both.rtoBreached() && !both.rpoBreached() && both.breached());
    assertEquals(Duration.ofMinutes(40), both.rtoAchieved());
    assertEquals(Duration.ofMinutes(15), both.rpoObjective());
    assertEquals(Duration.ofMinutes(5), both.rpoAchieved());
    ObjectiveRow rpoOnly =
        ObjectiveRow.of(
            "inventory",
            null,
            ObjectiveCheck.of(Duration.ofMinutes(15), Duration.ofMinutes(20), "restore point"),
            null);
    assertEquals("restore point", rpoOnly.basis());
    assertTrue(rpoOnly.breached());
    assertNull(rpoOnly.rtoObjective());
    assertNull(rpoOnly.rtoAchieved());
    assertFalse(rpoOnly.rtoBreached());
    assertEquals(
        "from run start",
        ObjectiveRow.of("x", rto, ObjectiveCheck.of(null, null, "from run start"), null).basis());
    assertFalse(ObjectiveRow.of("x", null, null, true).breached());
    assertNull(ObjectiveRow.of("x", null, null, true).basis());
  }
}
