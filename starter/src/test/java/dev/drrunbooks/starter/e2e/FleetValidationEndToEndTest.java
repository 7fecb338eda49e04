package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.starter.ExitCodes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * {@code dr validate-backups --all} on the sandbox: one fleet run, a child per service. The sandbox
 * seeds snapshots for Inventory only, so Inventory's backup is validated while the other three fail
 * as they would on an account without snapshots, each reported while the others finish; nothing any
 * child created is left.
 */
@ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
class FleetValidationEndToEndTest {
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
  void everyServiceIsValidatedAsItsOwnRunAFewAtATimeAndFailuresAreReportedBesideThePasses() {
    CliRun run =
        CliRun.of(worker.connectionArgs(), "validate-backups", "--all", "--max-concurrent", "2");

    assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    assertTrue(run.noStackTrace(), run.toString());
    List<String> rows = run.out().lines().toList();
    for (String service : List.of("customer-base", "payments", "inventory", "locations"))
      assertTrue(rowOf(rows, service).contains(" PASSED "), run.toString());
    assertTrue(
        rows.indexOf(rowOf(rows, "payments")) < rows.indexOf(rowOf(rows, "inventory")),
        "the Critical services first: " + run);
    assertTrue(
        run.out().contains("At most 2 in flight (2 per region); 2 at once at the most"),
        run.toString());
    assertTrue(run.out().contains("Backups of 4 of 4 service(s) validated"), run.toString());

    Matcher fleet = Pattern.compile("(fleet-validation-\\S+)-inventory ").matcher(run.out());
    assertTrue(fleet.find(), run.toString());
    RdsClient rds = worker.aws.rds("eu-west-1");
    long left =
        rds.describeDBInstances().dbInstances().stream()
            .filter(
                db ->
                    rds
                        .listTagsForResource(r -> r.resourceName(db.dbInstanceArn()))
                        .tagList()
                        .stream()
                        .anyMatch(
                            t ->
                                t.key().equals(Ownership.WORKFLOW_TAG)
                                    && t.value().startsWith(fleet.group(1))))
            .count();
    assertEquals(0, left, "every child deleted its validation copy");
  }

  private static String rowOf(List<String> rows, String service) {
    return rows.stream()
        .filter(l -> l.startsWith(service + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + service + ":\n" + rows));
  }
}
