package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.ExitCodes;
import org.junit.jupiter.api.Test;

class ProcedureNameTest {
  @Test
  void aProcedureIsNamedByItsKeyOrItsCommand() {
    assertEquals("pitr", ProcedureName.key("--procedure", "pitr"));
    assertEquals("data-recovery", ProcedureName.key("--procedure", "data-recovery"));
    assertEquals("data-recovery", ProcedureName.key("--procedure", " recover-data "));
    assertEquals("dns-failover", ProcedureName.key("--procedure", "failover"));
    for (Procedure<?, ?> p : Runbook.procedures()) {
      assertEquals(p.key(), ProcedureName.key("--procedure", p.key()));
      assertEquals(p.key(), ProcedureName.key("--procedure", p.command()));
    }
  }

  @Test
  void failbackRunsHaveTheirOwnKey() {
    assertEquals("dns-failback", ProcedureName.key("--procedure", "failback"));
    assertEquals("dns-failback", ProcedureName.key("--procedure", "dns-failback"));
  }

  @Test
  void anUnknownNameIsBadInputListingEveryName() {
    CliFailure f =
        assertThrows(CliFailure.class, () -> ProcedureName.key("--procedure", "restore"));
    assertEquals(ExitCodes.BAD_INPUT, f.exitCode());
    assertEquals(
        "--procedure: 'restore' is not a procedure; allowed (key or command): backup-policy, pitr,"
            + " snapshot-restore (restore-snapshot), backup-validation (validate-backups),"
            + " fleet-validation (validate-backups-all), dns-failover (failover),"
            + " standby-instantiate, standby-failover, standby-replicate,"
            + " ecs-recovery (recover-ecs), region-evacuation (evacuate), dr-drill (drill),"
            + " fleet-drill (drill-all), data-recovery (recover-data), incident-response"
            + " (incident), dr-cleanup (cleanup), readiness, dns-failback (failback)",
        f.getMessage());
    assertThrows(CliFailure.class, () -> ProcedureName.key("--procedure", null));
  }
}
