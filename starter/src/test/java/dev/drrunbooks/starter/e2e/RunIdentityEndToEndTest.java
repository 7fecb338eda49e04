package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Run identity on the sandbox's Temporal server: two starts in the same second are two runs that
 * never touch each other's work, and a raw start with input that does not fit fails at once.
 */
@ResourceLock(value = SandboxLocks.RUN_LISTINGS, mode = ResourceAccessMode.READ)
class RunIdentityEndToEndTest {
  private static final Pattern STARTED = Pattern.compile("workflow (\\S+) run (\\S+)");
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
  void twoPointInTimeRestoresWithinOneSecondBothCompleteAndKeepTheirOwnInstances() {
    Instant before = Instant.now();
    CliRun first =
        CliRun.of(
            worker.connectionArgs(),
            "pitr",
            "--service",
            "inventory",
            "--restore-time",
            "latest",
            "--no-wait");
    CliRun second =
        CliRun.of(
            worker.connectionArgs(),
            "pitr",
            "--service",
            "inventory",
            "--restore-time",
            "latest",
            "--no-wait");
    Duration between = Duration.between(before, Instant.now());
    assertTrue(
        between.compareTo(Duration.ofSeconds(1)) < 0, "both started within one second: " + between);
    String[] a = started(first);
    String[] b = started(second);
    assertNotEquals(a[0], b[0], "two starts, two workflow ids");

    PointInTimeRestoreResult ra = result(a);
    PointInTimeRestoreResult rb = result(b);
    assertNotEquals(ra.restoredInstance(), rb.restoredInstance());
    RdsClient rds = worker.aws.rds("eu-west-1");
    for (var pair : List.of(Map.entry(a, ra), Map.entry(b, rb))) {
      DBInstance db =
          rds.describeDBInstances(r -> r.dbInstanceIdentifier(pair.getValue().restoredInstance()))
              .dbInstances()
              .get(0);
      assertEquals(
          "available", db.dbInstanceStatus(), "each run's restore is still there afterwards");
      Map<String, String> tags =
          rds.listTagsForResource(r -> r.resourceName(db.dbInstanceArn())).tagList().stream()
              .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
      assertEquals(pair.getKey()[0], tags.get(Ownership.WORKFLOW_TAG));
      assertEquals(
          pair.getKey()[1],
          tags.get(Ownership.RUN_TAG),
          "owned by the run that created it: " + tags);
    }
    assertTrue(
        ra.timeline().stream().noneMatch(t -> t.step().startsWith("clean up")),
        ra.timeline().toString());
    assertTrue(
        rb.timeline().stream().noneMatch(t -> t.step().startsWith("clean up")),
        rb.timeline().toString());
  }

  @Test
  void aRawStartWithAnUnknownFieldFailsAtOnceNamingIt() {
    WorkflowClient client = worker.client();
    String id = "typed-in-the-ui-pitr-" + System.nanoTime();
    WorkflowStub run =
        client.newUntypedWorkflowStub(
            "PointInTimeRestore",
            WorkflowOptions.newBuilder().setTaskQueue(worker.taskQueue).setWorkflowId(id).build());
    run.start(Map.of("service", "inventory", "bogus", 1));
    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () -> run.getResult(20, TimeUnit.SECONDS, PointInTimeRestoreResult.class));
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(failed));
    assertTrue(
        Failures.rootMessage(failed)
            .startsWith(
                "bogus: unknown field (value 1); allowed fields of " + "PointInTimeRestoreInput: "),
        Failures.rootMessage(failed));
    assertEquals(
        List.of(),
        worker.aws.rds("eu-west-1").describeDBInstances().dbInstances().stream()
            .map(DBInstance::dbInstanceIdentifier)
            .filter(name -> name.contains("typed-in-the-ui"))
            .toList(),
        "nothing was created");
  }

  private static String[] started(CliRun run) {
    assertEquals(0, run.exitCode(), run.toString());
    Matcher m = STARTED.matcher(run.out());
    assertTrue(m.find(), run.toString());
    return new String[] {m.group(1), m.group(2)};
  }

  private static PointInTimeRestoreResult result(String[] run) {
    try {
      return worker
          .client()
          .newUntypedWorkflowStub(run[0], Optional.of(run[1]), Optional.empty())
          .getResult(3, TimeUnit.MINUTES, PointInTimeRestoreResult.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("run " + run[0] + " did not finish in 3 minutes", e);
    }
  }
}
