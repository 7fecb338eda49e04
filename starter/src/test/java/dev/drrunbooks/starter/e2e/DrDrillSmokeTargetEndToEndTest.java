package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.http.LocalEndpoint;
import dev.drrunbooks.starter.ExitCodes;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Finding 9 through {@code dr drill}: the smoke test probes the drill's own deployment (the
 * catalog's drillHealthUrl), so production being down does not fail a drill, and the drill's
 * endpoint being down does (exit 6). Production and the drill's host are local endpoints of this
 * test, mapped with DR_HTTP_ENDPOINT_MAP, so the sandbox's shared stand-in is left as it is.
 */
@ResourceLock(SandboxLocks.INVENTORY_SNAPSHOTS)
class DrDrillSmokeTargetEndToEndTest {
  private static final LocalEndpoint production = LocalEndpoint.failing();
  private static final LocalEndpoint drillHost = LocalEndpoint.healthy();
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    worker =
        new SandboxWorker(
            Map.of(
                "DR_HTTP_ENDPOINT_MAP",
                "api.mycomputer.com="
                    + production.baseUrl()
                    + ",drill.mycomputer.com="
                    + drillHost.baseUrl()));
  }

  @AfterAll
  static void stop() {
    worker.close();
    production.close();
    drillHost.close();
  }

  @BeforeEach
  void productionIsDown() {
    production.behave(LocalEndpoint.Mode.FAILING);
  }

  @Test
  void productionBeingDownDoesNotFailTheDrill() {
    drillHost.behave(LocalEndpoint.Mode.HEALTHY);
    CliRun run = drill();

    assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    assertTrue(run.out().contains("DR drill PASSED for inventory"), run.toString());
    assertEquals(
        0, production.requestCount(), "production is never probed: " + production.requests());
    assertTrue(
        drillHost.requests().stream()
            .allMatch(r -> r.matches("GET /dr-drill-inventory-\\S+-env/inventory/health")),
        drillHost.requests().toString());
  }

  @Test
  void theDrillsOwnEndpointBeingDownFailsTheDrill() {
    drillHost.behave(LocalEndpoint.Mode.FAILING);
    CliRun run = drill();

    assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, run.exitCode(), run.toString());
    assertTrue(
        run.out().contains("DR drill FAILED for inventory: inventory FAILED: smoke test failed"),
        run.toString());
    assertEquals(
        0, production.requestCount(), "production is never probed: " + production.requests());
  }

  private static CliRun drill() {
    try (FreshSnapshot fresh = new FreshSnapshot(worker.aws)) {
      return CliRun.of(worker.connectionArgs(), "drill", "--service", "inventory");
    }
  }
}
