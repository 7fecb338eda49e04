package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.ExitCodes;
import org.junit.jupiter.api.Test;

class RunQueryTest {
  private static final String TYPES =
      "WorkflowType IN (\"BackupPolicy\", \"PointInTimeRestore\", \"SnapshotRestore\","
          + " \"BackupValidation\", \"FleetValidation\", \"DnsFailover\","
          + " \"StandbyInstantiate\", \"StandbyFailover\", \"StandbyReplicate\","
          + " \"EcsServiceRecovery\","
          + " \"RegionEvacuation\", \"DrDrill\", \"FleetDrill\","
          + " \"CorruptedDataRecovery\", \"IncidentResponse\", \"RunCleanupWorkflow\")";

  @Test
  void everyRunOfTheRunbooksProceduresWithoutAFilter() {
    assertEquals(TYPES, RunQuery.of(RunQuery.State.ANY, null, null));
    for (Procedure<?, ?> p : Runbook.procedures())
      if (p != ReadinessEvaluation.PROCEDURE)
        assertTrue(TYPES.contains("\"" + p.workflowType() + "\""), p.workflowType());
  }

  @Test
  void readinessEvaluationsAreListedOnlyWhenAskedForByName() {
    assertFalse(RunQuery.of(RunQuery.State.ANY, null, null).contains("ReadinessEvaluation"));
    assertTrue(
        RunQuery.of(RunQuery.State.ANY, null, "readiness")
            .endsWith("\"ReadinessEvaluation\") AND DrProcedure = \"readiness\""));
  }

  @Test
  void eachStateIsItsClause() {
    assertEquals(
        TYPES + " AND ExecutionStatus = \"Running\"",
        RunQuery.of(RunQuery.State.RUNNING, null, null));
    assertEquals(
        TYPES
            + " AND ExecutionStatus = \"Running\" AND DrPhase IN (\"approval\", \"confirm\","
            + " \"confirm-replay\")",
        RunQuery.of(RunQuery.State.WAITING, null, null));
    assertEquals(
        TYPES + " AND ExecutionStatus IN (\"Failed\", \"TimedOut\", \"Terminated\")",
        RunQuery.of(RunQuery.State.FAILED, null, null));
    assertEquals(
        TYPES + " AND ExecutionStatus != \"Running\"",
        RunQuery.of(RunQuery.State.ENDED, null, null));
  }

  @Test
  void serviceAndProcedureNarrowByTheirSearchAttributes() {
    assertEquals(
        TYPES
            + " AND ExecutionStatus = \"Running\" AND DrService = \"inventory\" AND DrProcedure ="
            + " \"pitr\"",
        RunQuery.of(RunQuery.State.RUNNING, "inventory", "pitr"));
    assertEquals(
        TYPES + " AND DrProcedure = \"dns-failback\"",
        RunQuery.of(RunQuery.State.ANY, null, "dns-failback"));
  }

  @Test
  void aServiceThatWouldBreakOutOfItsStringIsRefused() {
    for (String bad : new String[] {"inv\" OR DrService = \"x", "inv\\"}) {
      CliFailure f =
          assertThrows(CliFailure.class, () -> RunQuery.of(RunQuery.State.ANY, bad, null));
      assertEquals(ExitCodes.BAD_INPUT, f.exitCode());
      assertEquals(
          "--service: '" + bad + "' is not valid; allowed: a catalog service key", f.getMessage());
    }
  }
}
