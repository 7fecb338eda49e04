package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.ownedresources.OwnedResourceActivitiesImpl;
import dev.drrunbooks.drill.DrillEnvironment;
import dev.drrunbooks.model.ResourceNames;
import dev.drrunbooks.starter.ExitCodes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Ending a run never strands what it created, on the sandbox's real Temporal server (the
 * time-skipping test server does not apply parent close policies): a drill terminated mid-restore
 * has its child restore cancelled, whose own clean-up deletes the instance; what the terminated
 * drill itself left (its stack, and the cluster the emulator keeps) is listed by {@code dr cleanup
 * RUN} and removed by {@code --apply}; and when the child was terminated too, {@code dr cleanup}
 * removes its instance as well.
 */
@ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
@Timeout(600)
class RunCleanupSandboxTest {
  private static final String REGION = "eu-west-1";

  /**
   * The sandbox keeps a restored instance "creating" this long: the drill is caught waiting for it.
   */
  private static final Map<String, String> SLOW_RESTORES =
      Map.of("DR_SANDBOX_RESTORE_SECONDS", "300");

  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker(SLOW_RESTORES);
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  @Test
  void terminatingADrillCancelsItsRestoreWhichCleansUpAndDrCleanupRemovesTheStack() {
    String drill = drillWaitingForItsRestore();
    String restore = drill + "-restore-inventory";

    CliRun running = cli("cleanup", drill);
    assertEquals(ExitCodes.REFUSED, running.exitCode(), running.toString());
    assertTrue(
        running.err().contains("is still running; it cleans up after itself"), running.toString());

    stub(drill).terminate("test: an operator terminates the drill from the UI");
    await(
        "the child restore ends",
        () -> status(restore) != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED,
        status(restore),
        "closing the drill asked its restore to cancel, not terminate");
    assertEquals(
        List.of("cloudformation-stack " + stack(drill) + " (" + drill + ")"),
        left(drill),
        "the restore's own clean-up deleted its instance; the terminated drill's stack is left");

    CliRun dry = cli("cleanup", drill);
    assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
    assertTrue(
        Pattern.compile("WOULD_DELETE\\s+cloudformation-stack\\s+" + stack(drill))
            .matcher(dry.out())
            .find(),
        dry.toString());
    assertTrue(dry.out().contains("dry run: 1 would be deleted, 0 refused"), dry.toString());
    assertEquals(1, left(drill).size(), "a dry run deletes nothing");

    applyAndAssertNothingLeft(drill);
  }

  @Test
  void aDrillTerminatedWithItsRestoreHasItsInstanceAndStackRemovedByDrCleanup() {
    String drill = drillWaitingForItsRestore();
    String restore = drill + "-restore-inventory";
    // As a run started before REQUEST_CANCEL, or terminated child by child from the UI: nothing
    // cleans up.
    stub(restore).terminate("test: the restore is terminated too");
    stub(drill).terminate("test: an operator terminates the drill from the UI");
    List<String> stranded = left(drill);
    assertEquals(2, stranded.size(), stranded.toString());
    assertTrue(stranded.get(0).startsWith("cloudformation-stack "), stranded.toString());
    assertTrue(
        stranded.get(1).startsWith("rds-instance ")
            && stranded.get(1).endsWith("(" + restore + ")"),
        stranded.toString());

    CliRun status = cli("status", drill);
    assertTrue(
        status
            .out()
            .contains(
                "it did not clean up after itself: `dr cleanup " + drill + "` lists what it left"),
        status.toString());
    CliRun badRegion = cli("cleanup", drill, "--region", "nowhere");
    assertEquals(ExitCodes.BAD_INPUT, badRegion.exitCode(), badRegion.toString());
    assertTrue(
        badRegion
            .err()
            .contains("--region: 'nowhere' is not valid; AWS region names such as eu-west-1"),
        badRegion.toString());

    CliRun dry = cli("cleanup", drill, "--region", REGION);
    assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
    assertTrue(dry.out().contains("dry run: 2 would be deleted, 0 refused"), dry.toString());

    applyAndAssertNothingLeft(drill);
  }

  private void applyAndAssertNothingLeft(String drill) {
    CliRun applied = cli("cleanup", drill, "--apply");
    assertEquals(ExitCodes.OK, applied.exitCode(), applied.toString());
    assertTrue(applied.out().contains("nothing of the run left"), applied.toString());
    assertTrue(
        applied
            .out()
            .contains("its cluster " + DrillEnvironment.clusterName(stack(drill)) + ": deleted"),
        applied.toString());
    assertTrue(applied.noStackTrace(), applied.toString());
    assertEquals(
        List.of(),
        new OwnedResourceActivitiesImpl(worker.aws)
            .leftovers(REGION, drill, List.of(DrillEnvironment.clusterName(stack(drill)))),
        "nothing of the drill, by tag or by name, is left");
    CliRun again = cli("cleanup", drill);
    assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
    assertTrue(again.out().contains("Nothing tagged with " + drill), again.toString());
  }

  @Test
  void whatACompletedRunKeptIsListedButNeverDeleted() {
    CliRun audit = cli("backup-policy", "--service", "inventory");
    assertEquals(0, audit.exitCode(), audit.toString());
    Matcher m = Pattern.compile("workflow (\\S+) run").matcher(audit.out());
    assertTrue(m.find(), audit.toString());
    String completed = m.group(1);

    CliRun applied = cli("cleanup", completed, "--apply");
    assertEquals(ExitCodes.REFUSED, applied.exitCode(), applied.toString());
    assertTrue(
        applied
            .err()
            .contains(
                "refused: run " + completed + " completed, and a backup-policy run keeps nothing"),
        applied.toString());
    assertTrue(applied.err().contains("nothing done"), applied.toString());

    CliRun dry = cli("cleanup", completed);
    assertEquals(0, dry.exitCode(), dry.toString());
    assertTrue(dry.err().contains("--apply is refused for it"), dry.toString());
  }

  /**
   * Starts a drill with --no-wait and returns its id once its restore has created the instance and
   * waits.
   */
  private String drillWaitingForItsRestore() {
    CliRun started = cli("drill", "--service", "inventory", "--no-wait");
    assertEquals(0, started.exitCode(), started.toString());
    Matcher m = Pattern.compile("workflow (\\S+) run").matcher(started.out());
    assertTrue(m.find(), started.toString());
    String drill = m.group(1);
    await(
        "the drill's restore instance exists",
        () -> left(drill).stream().anyMatch(r -> r.startsWith("rds-instance ")));
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        status(drill + "-restore-inventory"));
    return drill;
  }

  private static String stack(String drill) {
    return ResourceNames.rds(drill, "env");
  }

  private static List<String> left(String drill) {
    return new OwnedResourceActivitiesImpl(worker.aws).ownedResources(REGION, drill);
  }

  private static WorkflowStub stub(String workflowId) {
    return worker.client().newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
  }

  private static WorkflowExecutionStatus status(String workflowId) {
    return stub(workflowId).describe().getStatus();
  }

  private static CliRun cli(String... args) {
    return CliRun.of(worker.connectionArgs(), args);
  }

  private static void await(String what, BooleanSupplier done) {
    Instant until = Instant.now().plus(Duration.ofSeconds(120));
    while (!done.getAsBoolean()) {
      assertFalse(Instant.now().isAfter(until), "timed out waiting until " + what);
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
