package dev.drrunbooks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.http.ProbeSample;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.backuppolicy.BackupPolicyReport;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.PolicyAction;
import dev.drrunbooks.backuppolicy.PolicyCheck;
import dev.drrunbooks.backupvalidation.BackupValidationReport;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.drill.DrDrillReport;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.drill.ServiceDrill;
import dev.drrunbooks.ecsrecovery.EcsRecoveryReport;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.evacuation.EvacuationOutcome;
import dev.drrunbooks.evacuation.RegionEvacuationReport;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.evacuation.ServiceEvacuation;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverReport;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.pitr.PointInTimeRestoreReport;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreReport;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each procedure's result as a report, through the mapping in its own package. */
class MovedReportMappingsTest {
  private static final ReportContext CTX = ReportContext.of("run-1");
  private static final SnapshotInfo SNAPSHOT =
      new SnapshotInfo(
          "snap-1",
          "arn:snap-1",
          "eu-west-1",
          "db-1",
          "automated",
          "available",
          ReportFixtures.START,
          true,
          null);

  @Test
  void aPointInTimeRestoreCarriesItsObjectivesWindowAndEndpoint() {
    RunReport r =
        PointInTimeRestoreReport.MAPPING.report(ReportFixtures.pitrThatMissedItsRto(), CTX);
    assertEquals("pitr", r.procedure());
    assertEquals("SUCCEEDED", r.outcome());
    assertTrue(r.passed());
    assertTrue(r.breached());
    assertEquals(
        ReportFixtures.INCIDENT, r.rtoLine().from(), "the RTO clock starts at the incident");
    assertTrue(r.notes().get(0).contains(" at "), "the endpoint: " + r.notes());
    assertTrue(
        r.notes().get(1).startsWith("Restorable window at the time: "), r.notes().toString());

    PointInTimeRestoreResult p = ReportFixtures.pitrThatMissedItsRto();
    PointInTimeRestoreResult invalid =
        new PointInTimeRestoreResult(
            p.service(),
            p.sourceInstance(),
            p.restoredInstance(),
            null,
            null,
            p.restorePoint(),
            null,
            ReportFixtures.validation(false),
            null,
            p.timeline(),
            p.summary(),
            null,
            null,
            null);
    RunReport bad = PointInTimeRestoreReport.MAPPING.report(invalid, CTX);
    assertEquals("FAILED", bad.outcome());
    assertFalse(bad.passed());
    assertTrue(bad.objectives().isEmpty(), "no objectives measured");
    assertEquals(1, bad.notes().size(), "no window note");
    assertTrue(
        bad.notes()
            .get(0)
            .endsWith(
                " as " + p.restoredInstance() + "; the instance stays up (it is the recovery)"));
  }

  @Test
  void aSnapshotRestoreNamesItsSnapshotAndItsCopyInTheDrRegion() {
    SnapshotRestoreResult ok =
        new SnapshotRestoreResult(
            "inventory",
            SNAPSHOT,
            SNAPSHOT,
            "eu-central-1",
            "db-r",
            "db-r.example",
            5432,
            ReportFixtures.validation(true),
            null,
            List.of(),
            "restored",
            null);
    RunReport r = SnapshotRestoreReport.MAPPING.report(ok, CTX);
    assertEquals("snapshot-restore", r.procedure());
    assertEquals("SUCCEEDED", r.outcome());
    assertEquals(
        List.of(
            "Snapshot: snap-1 of db-1 in eu-west-1 (automated, created "
                + ReportFixtures.START
                + ")",
            "Copied to the DR region first: snap-1 of db-1 in eu-west-1 (automated, created "
                + ReportFixtures.START
                + ")",
            "Restored in eu-central-1 as db-r at db-r.example:5432; the instance stays up (it is"
                + " the recovery)"),
        r.notes());

    SnapshotRestoreResult bad =
        new SnapshotRestoreResult(
            "inventory",
            null,
            null,
            "eu-west-1",
            "db-r",
            "db-r.example",
            null,
            ReportFixtures.validation(false),
            null,
            List.of(),
            "restored",
            null);
    RunReport b = SnapshotRestoreReport.MAPPING.report(bad, CTX);
    assertEquals("FAILED", b.outcome());
    assertFalse(b.passed());
    assertEquals(
        List.of(
            "Restored in eu-west-1 as db-r at db-r.example; the instance stays up (it is the"
                + " recovery)"),
        b.notes());
  }

  @Test
  void aBackupTestIsSetAgainstTheCatalogsRtoWhenTheContextKnowsIt() {
    BackupValidationResult fixture = ReportFixtures.backupValidation();
    RunReport without = BackupValidationReport.MAPPING.report(fixture, CTX);
    assertTrue(without.objectives().isEmpty());
    assertNull(without.rtoLine());
    assertEquals("SUCCEEDED", without.outcome());
    assertEquals(1, without.cleanup().size());
    assertEquals(
        "Validation instance backup-validation-inventory-v, restored in 6m",
        without.notes().get(1));

    ReportContext catalog =
        new ReportContext(
            "run-1",
            null,
            null,
            service ->
                service.equals("inventory")
                    ? new Objectives(Duration.ofMinutes(5), Duration.ofMinutes(15))
                    : null);
    RunReport with = BackupValidationReport.MAPPING.report(fixture, catalog);
    ObjectiveRow row = with.objectives().get(0);
    assertTrue(row.rtoBreached(), "6m against 5m");
    assertFalse(row.rpoBreached());
    assertNull(row.rpoAchieved(), "a backup test measures no RPO");

    BackupValidationResult leftBehind =
        new BackupValidationResult(
            "inventory",
            null,
            "v",
            null,
            ReportFixtures.validation(true),
            List.of(new CleanupRecord("rds:v", Outcome.FAILED, "AccessDenied")),
            List.of(),
            "left rds:v");
    RunReport left = BackupValidationReport.MAPPING.report(leftBehind, CTX);
    assertEquals("FAILED", left.outcome());
    assertFalse(left.passed());
    assertEquals(List.of("Validation instance v, restored in unknown time"), left.notes());
  }

  @Test
  void aBackupPolicyRunIsOneEvidenceRowPerCheck() {
    BackupPolicyResult audit =
        new BackupPolicyResult(
            "audit",
            List.of("inventory"),
            List.of(
                new PolicyCheck(
                    "inventory", "db-1", "retention", "7", "7", PolicyAction.COMPLIANT, null, null),
                new PolicyCheck(
                    "inventory",
                    "db-1",
                    "window",
                    "03:00",
                    "05:00",
                    PolicyAction.CHANGED,
                    "03:00",
                    "applied"),
                new PolicyCheck(
                    "inventory", "db-1", "copy", "on", "off", PolicyAction.OFF_POLICY, null, null)),
            1,
            1,
            1,
            0,
            "1 off policy",
            List.of());
    RunReport r = BackupPolicyReport.MAPPING.report(audit, CTX);
    assertEquals("Backup policy audit of inventory", r.title());
    assertEquals("OFF_POLICY", r.outcome());
    assertFalse(r.passed());
    assertEquals(List.of(true, true, false), r.evidence().stream().map(EvidenceRow::pass).toList());
    assertEquals("CHANGED: now 03:00 (applied)", r.evidence().get(1).note());
    assertEquals("COMPLIANT", r.evidence().get(0).note());
    assertEquals(List.of("1 compliant, 1 off policy, 1 changed, 0 failed"), r.notes());

    BackupPolicyResult failed =
        new BackupPolicyResult("apply", null, List.of(), 0, 0, 0, 2, "2 failed", null);
    RunReport f = BackupPolicyReport.MAPPING.report(failed, CTX);
    assertEquals("Backup policy apply of all services", f.title());
    assertEquals("FAILED", f.outcome());
    BackupPolicyResult clean =
        new BackupPolicyResult("audit", List.of(), null, 3, 0, 0, 0, "ok", null);
    assertEquals("SUCCEEDED", BackupPolicyReport.MAPPING.report(clean, CTX).outcome());
    assertTrue(BackupPolicyReport.MAPPING.report(clean, CTX).passed());
  }

  @Test
  void aDnsSwitchIsAFailoverOrAFailbackWithItsProbesAndWeights() {
    RunReport r =
        DnsFailoverReport.MAPPING.report(ReportFixtures.failoverWithHostileStrings(), CTX);
    assertEquals("dns-failover", r.procedure());
    assertTrue(r.title().startsWith("DNS failover of payments (api.mycomputer.com)"));
    assertTrue(r.passed());
    EvidenceRow probe = r.evidence().get(0);
    assertEquals("HEALTHY (2/2 ok)", probe.found());
    assertEquals("median 50 ms", probe.note());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Weights before: ")));
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Weights after: ")));
    assertTrue(
        r.notes().stream()
            .anyMatch(n -> n.startsWith("Approval (switch DNS): APPROVED by oncall")));

    for (FailoverOutcome o : FailoverOutcome.values()) {
      DnsFailoverResult back =
          new DnsFailoverResult(
              "payments",
              "api",
              Direction.FAILBACK,
              o,
              null,
              null,
              null,
              null,
              List.of(ProbeReport.of("https://x", List.of(new ProbeSample(500, 10, "boom")))),
              null,
              List.of(),
              "x");
      RunReport b = DnsFailoverReport.MAPPING.report(back, CTX);
      assertEquals("dns-failback", b.procedure());
      assertEquals("DNS failback of payments (api)", b.title());
      assertEquals(
          o == FailoverOutcome.SWITCHED
              || o == FailoverOutcome.ALREADY_DONE
              || o == FailoverOutcome.NOT_NEEDED,
          b.passed(),
          o.name());
      assertFalse(b.evidence().get(0).pass());
      assertTrue(b.notes().isEmpty(), b.notes().toString());
    }
    DnsFailoverResult unknown =
        new DnsFailoverResult(
            "payments", "api", null, null, null, null, null, null, null, null, null, "x");
    assertEquals("UNKNOWN", DnsFailoverReport.MAPPING.report(unknown, CTX).outcome());
  }

  @Test
  void anEcsRecoveryIsSteadyOrNot() {
    EcsServiceState before = new EcsServiceState("c", "api", "td:1", 2, 0, 0, 2, "ACTIVE");
    EcsServiceState after = new EcsServiceState("c", "api", "td:2", 2, 2, 0, 1, "ACTIVE");
    RunReport r =
        EcsRecoveryReport.MAPPING.report(
            new EcsRecoveryResult(
                "api",
                "eu-west-1",
                "c",
                "td:2",
                before,
                after,
                ObjectiveCheck.of(Duration.ofMinutes(15), Duration.ofMinutes(3), "from run start"),
                List.of(),
                "steady"),
            CTX);
    assertEquals("ECS recovery of api in eu-west-1", r.title());
    assertEquals("SUCCEEDED", r.outcome());
    EvidenceRow steady = r.evidence().get(0);
    assertEquals("c/api", steady.query());
    assertEquals("2/2 running, 1 deployment(s)", steady.found());
    assertTrue(steady.pass());
    assertEquals(List.of("Before: " + before.describe(), "After: " + after.describe()), r.notes());

    RunReport never =
        EcsRecoveryReport.MAPPING.report(
            new EcsRecoveryResult(
                "api", "eu-west-1", "c", null, null, null, null, List.of(), "never steady"),
            CTX);
    assertEquals("FAILED", never.outcome());
    assertTrue(never.evidence().isEmpty());
    assertTrue(never.notes().isEmpty());
  }

  @Test
  void aDrillHasOneRowPerServiceItsSmokeTestsLeftoversAndCleanUp() {
    RecoveryObjectives objectives =
        RecoveryObjectives.measure(
            new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15)),
            ReportFixtures.START,
            ReportFixtures.START,
            ReportFixtures.START.plusSeconds(600),
            ReportFixtures.START.minusSeconds(60));
    ServiceDrill passed =
        new ServiceDrill(
            "inventory",
            List.of(ReportFixtures.step("restore", 0, 10, Outcome.SUCCEEDED, "ok")),
            "snap-1",
            ReportFixtures.validation(true),
            ProbeReport.of("https://drill/health", List.of(new ProbeSample(200, 10, null))),
            objectives,
            true,
            null);
    ServiceDrill failed =
        new ServiceDrill("payments", List.of(), null, null, null, null, false, "restore timed out");
    DrDrillResult result =
        new DrDrillResult(
            List.of(passed, failed),
            "dr-env-1",
            List.of(new CleanupRecord("stack:dr-env-1", Outcome.COMPENSATED, "deleting")),
            List.of("rds:orphan"),
            List.of(ReportFixtures.step("create test environment", 0, 0, Outcome.SUCCEEDED, "up")),
            false,
            null,
            "1 failed");
    RunReport r = DrDrillReport.MAPPING.report(result, CTX);
    assertEquals("DR drill of inventory, payments", r.title());
    assertEquals("FAILED", r.outcome());
    assertFalse(r.passed());
    assertEquals(2, r.objectives().size());
    EvidenceRow smoke =
        r.evidence().stream()
            .filter(e -> e.check().startsWith("smoke test"))
            .findFirst()
            .orElseThrow();
    assertEquals("smoke test https://drill/health", smoke.check());
    assertTrue(smoke.pass());
    assertEquals(
        List.of(
            "payments: restore timed out",
            "LEFT OVER: rds:orphan",
            "Test environment: stack dr-env-1"),
        r.notes());
    assertEquals(1, r.cleanup().size());
    assertEquals(
        "PASSED",
        DrDrillReport.MAPPING
            .report(new DrDrillResult(null, "s", null, null, null, true, null, "ok"), CTX)
            .outcome());
  }

  @Test
  void anEvacuationShowsCapacityAndDnsPerService() {
    RegionEvacuationResult result =
        new RegionEvacuationResult(
            EvacuationOutcome.COMPLETE,
            new GateDecision("evacuate", GateDecision.Verdict.APPROVED, null, null, null),
            List.of(
                new ServiceEvacuation("inventory", "recovered", "2/2", "SWITCHED", "api"),
                new ServiceEvacuation("payments", "failed", "0/2", "ALREADY_DONE", "pay"),
                new ServiceEvacuation("search", "recovered", "1/1", "ABORTED", "search")),
            List.of(),
            "done");
    RunReport r = RegionEvacuationReport.MAPPING.report(result, CTX);
    assertEquals("Region evacuation of inventory, payments, search", r.title());
    assertTrue(r.passed());
    assertEquals(
        List.of(true, true, false, true, true, false),
        r.evidence().stream().map(EvidenceRow::pass).toList());
    assertEquals("Approval (evacuate): APPROVED", r.notes().get(0));
    assertFalse(
        RegionEvacuationReport.MAPPING
            .report(
                new RegionEvacuationResult(EvacuationOutcome.PARTIAL, null, null, null, "x"), CTX)
            .passed());
  }

  @Test
  void aMappingRefusesAnotherProceduresResult() {
    assertEquals(
        ClassCastException.class,
        org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class, () -> DrDrill.PROCEDURE.reportOf("not a drill result", CTX))
            .getClass());
    assertEquals("DR drill", DrDrillReport.MAPPING.title());
    assertEquals(DrDrillResult.class, DrDrill.PROCEDURE.resultType());
  }
}
