package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.ownedresources.OwnedResourceActivitiesImpl;
import dev.drrunbooks.starter.ExitCodes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code dr drill --all --services inventory,payments} on the sandbox: one fleet run, a DR drill
 * child per service, one at a time. Inventory (a fresh snapshot) passes with its RTO and RPO
 * against its objectives; Payments, whose RPO objective is 0m (it is replicated, never restored
 * from a snapshot), fails its drill on the RPO and is reported beside the pass; neither child
 * leaves anything tagged behind.
 */
@ResourceLock(SandboxLocks.INVENTORY_SNAPSHOTS)
class FleetDrillEndToEndTest {
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker();
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  @Test
  void eachServiceIsDrilledAsItsOwnRunAndAFailureIsReportedBesideThePass() {
    CliRun run;
    try (FreshSnapshot fresh = new FreshSnapshot(worker.aws)) {
      run =
          CliRun.of(
              worker.connectionArgs(),
              "drill",
              "--all",
              "--services",
              "inventory,payments",
              "--max-concurrent",
              "1");
    }

    assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, run.exitCode(), run.toString());
    assertTrue(run.noStackTrace(), run.toString());
    List<String> rows = run.out().lines().toList();
    String inventory = rowOf(rows, "inventory");
    assertTrue(inventory.contains(" PASSED "), run.toString());
    assertTrue(inventory.contains(" / 30m "), "RTO against its 30m objective: " + inventory);
    assertTrue(inventory.contains(" / 15m "), "RPO against its 15m objective: " + inventory);
    String payments = rowOf(rows, "payments");
    assertTrue(payments.contains(" FAILED "), run.toString());
    assertTrue(payments.contains("RPO breached"), payments);
    assertTrue(rows.indexOf(payments) < rows.indexOf(inventory), "Critical first: " + run);
    assertTrue(
        run.out().contains("At most 1 in flight (1 per region); 1 at once at the most"),
        run.toString());
    assertTrue(
        run.out().contains("DR drills of 1 of 2 service(s) passed; not passed: payments FAILED"),
        run.toString());

    Matcher fleet = Pattern.compile("(fleet-drill-\\S+)-inventory ").matcher(run.out());
    assertTrue(fleet.find(), run.toString());
    OwnedResourceActivitiesImpl owned = new OwnedResourceActivitiesImpl(worker.aws);
    for (String service : List.of("inventory", "payments"))
      assertEquals(
          List.of(),
          owned.ownedResources("eu-west-1", fleet.group(1) + "-" + service),
          "nothing tagged with " + service + "'s drill may remain");
  }

  private static String rowOf(List<String> rows, String service) {
    return rows.stream()
        .filter(l -> l.startsWith(service + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + service + ":\n" + rows));
  }
}
