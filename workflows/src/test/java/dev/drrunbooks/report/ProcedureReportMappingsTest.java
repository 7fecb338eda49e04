package dev.drrunbooks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.activities.sql.replay.RecoveryVerification;
import dev.drrunbooks.activities.sql.replay.UnrecoveredRow;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryReport;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.datarecovery.DataRecoveryOutcome;
import dev.drrunbooks.incident.ChildRecovery;
import dev.drrunbooks.incident.IncidentOutcome;
import dev.drrunbooks.incident.IncidentResponseReport;
import dev.drrunbooks.incident.IncidentResult;
import dev.drrunbooks.incident.PhaseStatus;
import dev.drrunbooks.incident.RecoveryKind;
import dev.drrunbooks.incident.ServiceRecovery;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.runcleanup.CleanupAction;
import dev.drrunbooks.runcleanup.CleanupFinding;
import dev.drrunbooks.runcleanup.RunCleanupReport;
import dev.drrunbooks.runcleanup.RunCleanupResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mappings of the procedures `dr report` used to refuse: data recovery, incident, clean-up
 * after a run.
 */
class ProcedureReportMappingsTest {
  private static final ReportContext CTX =
      new ReportContext("run-1", null, "http://ui/run-1", null);

  @Test
  void aRecoveredDataRecoveryShowsItsRpoChecksAndRowCheck() {
    RunReport r =
        CorruptedDataRecoveryReport.MAPPING.report(
            dataRecovery(DataRecoveryOutcome.RECOVERED, true), CTX);
    assertEquals("data-recovery", r.procedure());
    assertEquals("Corrupted-data recovery of inventory", r.title());
    assertEquals("RECOVERED", r.outcome());
    assertTrue(r.passed());
    assertEquals("http://ui/run-1", r.runLink());
    assertEquals(Duration.ofMinutes(15), r.objectives().get(0).rpoObjective());
    assertEquals(
        2 + 2 + 1, r.evidence().size(), "as restored, after the replay, and the row check");
    EvidenceRow rows = r.evidence().get(4);
    assertEquals("rows right after the replay", rows.check());
    assertEquals("0 wrong of 8", rows.found());
    assertTrue(rows.pass());
    assertEquals(1, r.timeline().size());
    assertTrue(
        r.notes().get(0).startsWith("Corruption time " + ReportFixtures.INCIDENT),
        r.notes().toString());
  }

  @Test
  void aDataRecoveryStoredBeforeItsOutcomeExistedReadsAsRestoredAndNotPassed() {
    RunReport r = CorruptedDataRecoveryReport.MAPPING.report(dataRecovery(null, false), CTX);
    assertEquals("RESTORED", r.outcome());
    assertFalse(r.passed());
    assertEquals(2, r.evidence().size(), "no replay: only the checks as restored");
  }

  @Test
  void aRowStillWrongFailsTheRowCheck() {
    CorruptedDataRecoveryResult base = dataRecovery(DataRecoveryOutcome.NOT_RECOVERED, true);
    CorruptedDataRecoveryResult wrong =
        new CorruptedDataRecoveryResult(
            base.service(),
            base.corruptionTime(),
            base.restorePoint(),
            null,
            base.recoveredInstance(),
            base.integrity(),
            null,
            null,
            base.integrityAfterReplay(),
            new RecoveryVerification(
                "r-1", false, 8, List.of(new UnrecoveredRow("stock", 4, "negative")), "1 wrong"),
            base.outcome(),
            base.rpo(),
            base.timeline(),
            base.summary());
    RunReport r = CorruptedDataRecoveryReport.MAPPING.report(wrong, CTX);
    assertFalse(r.passed());
    EvidenceRow rows = r.evidence().get(4);
    assertEquals("1 wrong of 8", rows.found());
    assertFalse(rows.pass());
  }

  @Test
  void aResolvedIncidentShowsItsRtoFromDetectionItsRecoveriesAndPhases() {
    RunReport r = IncidentResponseReport.MAPPING.report(incident(IncidentOutcome.RESOLVED), CTX);
    assertEquals("incident-response", r.procedure());
    assertEquals("P1 incident: stock wrong", r.title());
    assertTrue(r.passed());
    assertEquals("P1 incident inc-1 resolved", r.summary());
    assertEquals(ReportFixtures.INCIDENT, r.rtoLine().from(), "the RTO clock starts at detection");
    assertEquals(
        ReportFixtures.START, r.start(), "the first step; detection is where the RTO line starts");
    assertEquals(
        List.of(
            "Recovery inc-1-data-inventory (data of inventory, started by alice): RECOVERED:"
                + " replayed",
            "Phase detection: done (deadline "
                + ReportFixtures.INCIDENT.plusSeconds(300)
                + ", done "
                + ReportFixtures.INCIDENT.plusSeconds(60)
                + " by alice)",
            "Phase recovery: missed (deadline "
                + ReportFixtures.INCIDENT.plusSeconds(1800)
                + ", escalated)",
            "Post-incident review written by the worker: /reports/inc-1",
            "Follow-up DR drill: " + ReportFixtures.START + " (schedule dr-monthly-dr-drill)"),
        r.notes());
  }

  @Test
  void aForcedResolutionDoesNotPassAndSaysWhyThereIsNoDrill() {
    IncidentResult forced = incident(IncidentOutcome.RESOLVED_FORCED);
    IncidentResult noDrill =
        new IncidentResult(
            forced.incidentId(),
            forced.severity(),
            forced.services(),
            forced.summary(),
            forced.outcome(),
            forced.detectedAt(),
            forced.resolvedAt(),
            forced.resolvedBy(),
            null,
            null,
            null,
            null,
            forced.timeline(),
            null,
            FollowUpDrill.none("no drill scheduled"),
            forced.summaryLine());
    RunReport r = IncidentResponseReport.MAPPING.report(noDrill, CTX);
    assertFalse(r.passed());
    assertEquals(List.of("Follow-up DR drill: no drill scheduled"), r.notes());
  }

  @Test
  void aCleanUpAfterARunListsEveryFindingWithWhatWasDone() {
    RunCleanupResult result =
        new RunCleanupResult(
            "pitr-1",
            true,
            List.of(
                new CleanupFinding(
                    "rds-instance",
                    "pitr-1-pitr",
                    "eu-west-1",
                    CleanupAction.DELETED,
                    "deleting",
                    Map.of()),
                new CleanupFinding(
                    "rds-instance",
                    "shared-db",
                    "eu-west-1",
                    CleanupAction.REFUSED,
                    "not owned",
                    Map.of()),
                new CleanupFinding(
                    "dns-change",
                    "api.example.com",
                    null,
                    CleanupAction.REVERT_BY_COMMAND,
                    "dr failback",
                    Map.of())),
            List.of("rds-instance shared-db"),
            List.of(),
            "applied: 1 deleted, 1 refused");
    RunReport r = RunCleanupReport.MAPPING.report(result, CTX);
    assertEquals("Clean-up after pitr-1", r.title());
    assertEquals("NOT_CLEAN", r.outcome());
    assertFalse(r.passed());
    assertEquals(
        List.of(Outcome.COMPENSATED, Outcome.FAILED, Outcome.SKIPPED),
        r.cleanup().stream().map(CleanupRow::outcome).toList());
    assertEquals("rds-instance:pitr-1-pitr (eu-west-1)", r.cleanup().get(0).resource());
    assertEquals("dns-change:api.example.com", r.cleanup().get(2).resource());
    assertEquals("REFUSED: not owned", r.cleanup().get(1).detail());
    assertEquals(List.of("STILL THERE: rds-instance shared-db"), r.notes());

    RunCleanupResult dry =
        new RunCleanupResult("pitr-1", false, List.of(), List.of(), List.of(), "dry run");
    RunReport d = RunCleanupReport.MAPPING.report(dry, CTX);
    assertEquals("Clean-up dry run after pitr-1", d.title());
    assertEquals("DRY_RUN", d.outcome());
    assertTrue(d.passed());
    RunCleanupResult clean =
        new RunCleanupResult("pitr-1", true, List.of(), List.of(), List.of(), "clean");
    assertEquals("CLEAN", RunCleanupReport.MAPPING.report(clean, CTX).outcome());
  }

  private static CorruptedDataRecoveryResult dataRecovery(
      DataRecoveryOutcome outcome, boolean replayed) {
    return new CorruptedDataRecoveryResult(
        "inventory",
        ReportFixtures.INCIDENT,
        ReportFixtures.INCIDENT.minusSeconds(60),
        null,
        "dr-x-pitr",
        ReportFixtures.validation(true),
        null,
        null,
        replayed ? ReportFixtures.validation(true) : null,
        replayed ? new RecoveryVerification("r-1", true, 8, List.of(), "none wrong") : null,
        outcome,
        ObjectiveCheck.of(Duration.ofMinutes(15), Duration.ZERO, "every good transaction replayed"),
        List.of(ReportFixtures.step("restore", 0, 5, Outcome.SUCCEEDED, "ok")),
        "recovered");
  }

  private static IncidentResult incident(IncidentOutcome outcome) {
    return new IncidentResult(
        "inc-1",
        "P1",
        List.of("inventory"),
        "stock wrong",
        outcome,
        ReportFixtures.INCIDENT,
        ReportFixtures.START,
        "alice",
        List.of(
            new PhaseStatus(
                "detection",
                ReportFixtures.INCIDENT.plusSeconds(300),
                ReportFixtures.INCIDENT.plusSeconds(60),
                "alice",
                "done",
                null,
                null,
                false),
            new PhaseStatus(
                "recovery",
                ReportFixtures.INCIDENT.plusSeconds(1800),
                null,
                null,
                "missed",
                null,
                null,
                true)),
        List.of("recovery"),
        List.of(
            new ChildRecovery(
                "inc-1-data-inventory",
                RecoveryKind.DATA,
                "inventory",
                "alice",
                ReportFixtures.INCIDENT,
                "RECOVERED",
                ReportFixtures.START,
                "replayed")),
        List.of(
            new ServiceRecovery(
                "inventory",
                ReportFixtures.START,
                ObjectiveCheck.of(
                    Duration.ofMinutes(30),
                    Duration.ofMinutes(20),
                    "from incident time " + ReportFixtures.INCIDENT),
                null)),
        List.of(ReportFixtures.step("acknowledged by alice", 0, 0, Outcome.SUCCEEDED, "paged")),
        new ReportFiles("/reports/inc-1", null, null, null),
        FollowUpDrill.scheduled("dr-monthly-dr-drill", ReportFixtures.START),
        "P1 incident inc-1 resolved");
  }
}
