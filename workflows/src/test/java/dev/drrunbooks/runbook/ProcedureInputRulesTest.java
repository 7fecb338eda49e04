package dev.drrunbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.datarecovery.CorruptedDataRecovery;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.payload.StrictJsonPayloadConverter;
import dev.drrunbooks.pitr.PointInTimeRestore;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each procedure's {@link dev.drrunbooks.model.InputRules}, as a client checks a start with them
 * ({@link Procedure#checkStart}) against the project's catalog: good input passes, bad input is
 * refused as InvalidInput naming the field, the value and what is allowed.
 */
class ProcedureInputRulesTest {
  private static final Catalog CATALOG = CatalogFixture.load();
  private static final Instant NOW = Instant.parse("2026-01-20T00:00:00Z");

  @Test
  void goodInputPassesEveryProceduresRules() {
    String[][] good = {
      {
        "pitr",
        "{\"service\": \"locations\", \"region\": \"dr\", \"restoreTime\":"
            + " \"2026-01-15T03:30:00Z\"}"
      },
      {
        "pitr",
        "{\"service\": \"inventory\", \"restoreTime\": \"latest\", \"securityGroupIds\":"
            + " [\"sg-0123456789abcdef0\"]}"
      },
      {"snapshot-restore", "{\"service\": \"payments\", \"copyToDrRegion\": true}"},
      {
        "backup-validation",
        "{\"service\": \"inventory\", \"pick\": \"random\", \"randomWithin\": \"3d\"}"
      },
      {"dns-failover", "{\"service\": \"inventory\", \"stages\": [10, 50, 100]}"},
      {
        "dns-failover",
        "{\"service\": \"locations\", \"direction\": \"FAILBACK\", \"onApprovalTimeout\":"
            + " \"abort\"}"
      },
      {
        "dns-failover",
        "{\"service\": \"payments\", \"breakGlass\": {\"who\": \"alice\", \"reason\": \"region"
            + " down\"}}"
      },
      {"ecs-recovery", "{\"service\": \"inventory\", \"region\": \"dr\", \"desiredCount\": 0}"},
      {
        "data-recovery", "{\"service\": \"payments\", \"corruptionTime\": \"2026-01-15T03:30:00Z\"}"
      },
      {"region-evacuation", "{}"},
      {
        "region-evacuation",
        "{\"services\": [\"inventory\", \"payments\"], \"approvalTimeout\": \"30m\"}"
      },
      {"dr-drill", "{}"},
      {"dr-drill", "{\"services\": [\"all\"], \"waitBudget\": \"45m\"}"},
      {"backup-policy", "{}"},
      {"backup-policy", "{\"service\": \"all\", \"apply\": true}"},
      {
        "incident-response",
        "{\"severity\": \"P2\", \"services\": [\"inventory\", \"inventory\"], \"summary\":"
            + " \"slow\"}"
      }
    };
    for (String[] start : good) {
      Procedure<?, ?> procedure = Runbook.ofKey(start[0]).orElseThrow();
      assertDoesNotThrow(
          () -> procedure.checkStart(input(procedure, start[1]), NOW, CATALOG), start[1]);
    }
  }

  @Test
  void anUnknownServiceIsRefusedNamingTheCatalogsServices() {
    assertRefused(
        PointInTimeRestore.PROCEDURE,
        "{\"service\": \"nosuch\"}",
        "service: 'nosuch' is not valid; allowed: customer-base, inventory, locations, payments"
            + " (the services in the catalog)");
    // "all" selects every service only where the procedure runs on several.
    assertRefused(DnsFailover.PROCEDURE, "{\"service\": \"all\"}", "service: 'all' is not valid");
    assertRefused(
        DrDrill.PROCEDURE,
        "{\"services\": [\"nosuch\"]}",
        "services: 'nosuch' is not valid; allowed: customer-base, inventory, locations, payments,"
            + " or all (the services in the catalog)");
  }

  @Test
  void theCatalogsApprovalPolicyCannotBeWeakened() {
    assertRefused(
        DnsFailover.PROCEDURE,
        "{\"service\": \"payments\", \"requireApproval\": false}",
        "requireApproval: 'false' is not valid; the catalog's policy for service payments is");
    assertRefused(
        DnsFailover.PROCEDURE,
        "{\"service\": \"payments\", \"breakGlass\": {\"who\": \" \", \"reason\": \"r\"}}",
        "breakGlass.who: ' ' is not valid; say who breaks the glass");
  }

  /** A run started with a parent's decision is checked against its parent, in the run. */
  @Test
  void anEvacuationsFailoverPassesTheInputChecksAndOnlyAParentMaySendADecision() {
    DnsFailoverInput child =
        DnsFailoverInput.forEvacuation(
            "inventory",
            true,
            null,
            new GateDecision("evacuate", GateDecision.Verdict.APPROVED, "alice", "ok", NOW));
    assertDoesNotThrow(() -> DnsFailoverWorkflowImpl.RULES.checkInput(child, NOW));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> DnsFailover.PROCEDURE.checkStart(child, NOW, CATALOG));
    assertEquals(
        "parentApproval: 'APPROVED' is not valid; only a parent run (a region evacuation) passes"
            + " its gate's decision to this run; use breakGlass with who and reason instead",
        e.getOriginalMessage());
  }

  /** Without a clock (runs recorded before the check), a time in the future is not refused. */
  @Test
  void aFutureCorruptionTimeIsRefusedOnlyWithAClock() {
    CorruptedDataRecoveryInput future =
        new CorruptedDataRecoveryInput("inventory", "2999-01-01T00:00:00Z", null, null, null);
    assertDoesNotThrow(() -> CorruptedDataRecoveryWorkflowImpl.RULES.checkInput(future, null));
    assertRefused(
        CorruptedDataRecovery.PROCEDURE,
        "{\"service\": \"inventory\", \"corruptionTime\": \"2999-01-01T00:00:00Z\"}",
        "corruptionTime: '2999-01-01T00:00:00Z' is not valid; must not be in the future (now is"
            + " 2026-01-20T00:00:00Z)");
  }

  private static void assertRefused(Procedure<?, ?> procedure, String json, String message) {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () -> procedure.checkStart(input(procedure, json), NOW, CATALOG),
            json);
    assertEquals(FailureType.INVALID_INPUT.type(), e.getType(), json);
    assertEquals(
        true,
        e.getOriginalMessage().startsWith(message),
        "expected '" + message + "...', got '" + e.getOriginalMessage() + "'");
  }

  @SuppressWarnings("unchecked")
  private static Object input(Procedure<?, ?> procedure, String json) {
    return StrictJsonPayloadConverter.readInput(
        json.getBytes(StandardCharsets.UTF_8), (Class<? extends RunInput>) procedure.inputType());
  }
}
