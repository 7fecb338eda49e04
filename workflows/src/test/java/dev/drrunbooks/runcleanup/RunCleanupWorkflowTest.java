package dev.drrunbooks.runcleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ownedresources.TaggedResource;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.replay.ScheduledActivities;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunCleanupWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(RunCleanupWorkflowImpl.class);

  private static final String REGION = "eu-west-1";
  private static final String DRILL = "dr-drill-inventory-20261201T011500Z-k3f9";
  private static final String RESTORE = DRILL + "-restore-inventory";
  private static final String STACK = "dr-drill-inventory-20261201t011500z-k3f9-env";
  private static final List<EndedRun> RUNS =
      List.of(
          new EndedRun(DRILL, "run-drill", "DrDrillWorkflow", "TERMINATED"),
          new EndedRun(RESTORE, "run-restore", "SnapshotRestoreWorkflow", "TERMINATED"));

  private final FakeLeftovers aws = new FakeLeftovers();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog());
    env.start();
  }

  /**
   * What a terminated drill leaves: its stack (and the stack's cluster), its child restore's
   * instance.
   */
  private void terminatedDrillLeftovers() {
    aws.add(
        REGION,
        TaggedResource.STACK,
        STACK,
        "CREATE_COMPLETE",
        FakeLeftovers.tags(DRILL, "run-drill", "dr-drill"));
    aws.untaggedClusters.add("dr-drill-" + STACK);
    aws.add(
        REGION,
        TaggedResource.RDS_INSTANCE,
        "dr-drill-inventory-db",
        "available",
        FakeLeftovers.tags(RESTORE, "run-restore", "snapshot-restore"));
    aws.add(
        REGION,
        TaggedResource.ECS_SERVICE,
        "mycomputer-production/inventory-drill",
        "ACTIVE",
        FakeLeftovers.tags(DRILL, "run-drill", "dr-drill"));
  }

  @Test
  void aDryRunListsWhatTheTagsProveAndRefusesTheRestTouchingNothing(
      WorkflowClient client, Worker worker) {
    terminatedDrillLeftovers();
    // an earlier run that had the same workflow id, a run from before run tokens, and a hand-tagged
    // snapshot
    aws.add(
        REGION,
        TaggedResource.RDS_INSTANCE,
        "reused-id-db",
        "available",
        FakeLeftovers.tags(DRILL, "run-older", "dr-drill"));
    aws.add(
        REGION,
        TaggedResource.RDS_SNAPSHOT,
        "no-token-snap",
        "available",
        FakeLeftovers.tags(DRILL, null, "dr-drill"));
    aws.add(
        REGION,
        TaggedResource.RDS_SNAPSHOT,
        "hand-tagged",
        "available",
        Map.of("dr-runbooks:workflow-id", DRILL + "-x", "dr-runbooks:run-id", "t"));
    RecordedDnsChange dns =
        new RecordedDnsChange(
            DRILL + "-dns-api",
            "api",
            "api.mycomputer.com",
            "Primary 0 / Secondary 100",
            "dr failback --service api");

    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-dry")
            .run(new RunCleanupInput(DRILL, RUNS, List.of(REGION), null, List.of(dns)));

    assertFalse(r.applied());
    assertEquals(List.of(), aws.deleted, "a dry run deletes nothing");
    assertEquals(
        List.of(
            "WOULD_DELETE ecs-service mycomputer-production/inventory-drill",
            "WOULD_DELETE rds-instance dr-drill-inventory-db",
            "REFUSED rds-instance reused-id-db",
            "REFUSED rds-snapshot hand-tagged",
            "REFUSED rds-snapshot no-token-snap",
            "WOULD_DELETE cloudformation-stack " + STACK,
            "REVERT_BY_COMMAND dns-change api.mycomputer.com"),
        lines(r));
    assertTrue(
        detail(r, "reused-id-db").startsWith("tagged for another run of " + DRILL),
        detail(r, "reused-id-db"));
    assertTrue(
        detail(r, "no-token-snap").startsWith("no dr-runbooks:run-id tag"),
        detail(r, "no-token-snap"));
    assertTrue(
        detail(r, "hand-tagged").startsWith("not tagged created-by=dr-runbooks"),
        detail(r, "hand-tagged"));
    assertTrue(
        detail(r, "api.mycomputer.com").endsWith("to revert: dr failback --service api"),
        detail(r, "api.mycomputer.com"));
    assertEquals(
        "dry run: 3 would be deleted, 3 refused, 1 DNS change(s) to revert by command; run again"
            + " with --apply to delete",
        r.summary());
    assertFalse(r.clean());
    assertEquals(
        List.of("look in eu-west-1 for resources tagged " + DRILL + "* 6 found"),
        r.timeline().stream().map(e -> e.step() + " " + e.detail()).toList());
    var attributes =
        client.newUntypedWorkflowStub("dr-cleanup-dry").describe().getTypedSearchAttributes();
    assertEquals("done", attributes.get(dev.drrunbooks.model.SearchAttributes.PHASE));
    assertEquals("dr-cleanup", attributes.get(dev.drrunbooks.model.SearchAttributes.PROCEDURE));
    Histories.record(client, "dr-cleanup-dry", "run-cleanup-dry-run");
  }

  @Test
  void applyingDeletesWhatTheTagsProveInDependencyOrderAndFindsNothingAfter(
      WorkflowClient client, Worker worker) {
    terminatedDrillLeftovers();

    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-apply")
            .run(new RunCleanupInput(DRILL, RUNS, List.of(REGION), true, List.of()));

    assertEquals(
        List.of(
            "ecs-service mycomputer-production/inventory-drill",
            "rds-instance dr-drill-inventory-db",
            "cloudformation-stack " + STACK,
            "ecs-cluster dr-drill-" + STACK + " (untagged)"),
        aws.deleted);
    assertEquals(List.of(), aws.taggedResources(REGION, DRILL));
    assertEquals(List.of(), r.stillThere());
    assertTrue(r.clean(), r.summary());
    assertTrue(
        detail(r, STACK).endsWith("its cluster dr-drill-" + STACK + ": deleted"), detail(r, STACK));
    assertEquals("applied: 3 deleted, 0 failed, 0 refused, nothing of the run left", r.summary());
    assertEquals(
        List.of(
            "look in eu-west-1 for resources tagged " + DRILL + "* SUCCEEDED 3 found",
            "delete ecs-service mycomputer-production/inventory-drill (eu-west-1) COMPENSATED"
                + " deleting",
            "delete rds-instance dr-drill-inventory-db (eu-west-1) COMPENSATED deleting",
            "delete cloudformation-stack "
                + STACK
                + " (eu-west-1) COMPENSATED deleting, DELETE_COMPLETE; its cluster dr-drill-"
                + STACK
                + ": deleted",
            "look in eu-west-1 for resources tagged " + DRILL + "* SUCCEEDED none"),
        r.timeline().stream().map(e -> e.step() + " " + e.outcome() + " " + e.detail()).toList());
    Histories.record(client, "dr-cleanup-apply", "run-cleanup-applied");
    // the stack's deletion was waited for one poll per attempt (Polls.STACK_CHANGE_ID version 1)
    Histories.record(client, "dr-cleanup-apply", "run-cleanup-applied-polled");
    assertEquals(
        List.of("CfnPollStackDeleted"),
        ScheduledActivities.of(client, "dr-cleanup-apply").stream()
            .filter(t -> t.contains("StackDeleted"))
            .toList());
  }

  @Test
  void whatARunStillRunningCreatedIsLeftToIt(WorkflowClient client, Worker worker) {
    terminatedDrillLeftovers();
    List<EndedRun> runs =
        List.of(
            RUNS.get(0),
            new EndedRun(RESTORE, "run-restore", "SnapshotRestoreWorkflow", EndedRun.RUNNING));

    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-running-child")
            .run(new RunCleanupInput(DRILL, runs, List.of(REGION), true, null));

    assertEquals("REFUSED", action(r, "dr-drill-inventory-db"));
    assertEquals(
        "its run " + RESTORE + " is still running and cleans up after itself when it ends",
        detail(r, "dr-drill-inventory-db"));
    assertFalse(aws.deleted.contains("rds-instance dr-drill-inventory-db"));
    assertFalse(r.clean());
  }

  @Test
  void aDeletionRefusedOrFailingIsReportedAndTheRestStillDeleted(
      WorkflowClient client, Worker worker) {
    terminatedDrillLeftovers();
    aws.failing.add("mycomputer-production/inventory-drill");

    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-failing")
            .run(new RunCleanupInput(DRILL, RUNS, List.of(REGION), true, null));

    assertEquals("FAILED", action(r, "mycomputer-production/inventory-drill"));
    assertEquals(
        "throttled deleting mycomputer-production/inventory-drill",
        detail(r, "mycomputer-production/inventory-drill"));
    assertTrue(
        r.timeline().stream()
            .anyMatch(
                e ->
                    e.step().startsWith("delete ecs-service")
                        && e.outcome() == dev.drrunbooks.model.Outcome.FAILED),
        r.timeline().toString());
    assertEquals("DELETED", action(r, "dr-drill-inventory-db"));
    assertEquals("DELETED", action(r, STACK));
    assertTrue(r.summary().startsWith("applied: 2 deleted, 1 failed, 0 refused"), r.summary());
    assertFalse(r.clean());
  }

  @Test
  void aDeletionThatNeverFinishesIsFailedAfterTheBudget(WorkflowClient client, Worker worker) {
    terminatedDrillLeftovers();
    aws.neverGone.add("dr-drill-inventory-db");

    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-stuck")
            .run(new RunCleanupInput(DRILL, RUNS, List.of(REGION), true, null));

    assertEquals(List.of("rds-instance dr-drill-inventory-db (deleting)"), r.stillThere());
    assertEquals("FAILED", action(r, "dr-drill-inventory-db"));
    assertTrue(
        detail(r, "dr-drill-inventory-db").endsWith("still there (deleting) after 30 min"),
        detail(r, "dr-drill-inventory-db"));
    assertTrue(
        r.summary().endsWith("still there: rds-instance dr-drill-inventory-db (deleting)"),
        r.summary());
  }

  @Test
  void withoutRegionsEveryRegionOfTheCatalogIsSearched(WorkflowClient client, Worker worker) {
    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-regions")
            .run(new RunCleanupInput(DRILL, RUNS, null, true, null));

    assertEquals(
        List.of("eu-central-1 " + DRILL, "eu-west-1 " + DRILL),
        aws.searched.stream().sorted().toList());
    assertEquals("applied: 0 deleted, 0 failed, 0 refused, nothing of the run left", r.summary());
    assertTrue(r.clean());
  }

  @Test
  void aDryRunThatFindsNothingSaysSoWithoutAskingForApply(WorkflowClient client, Worker worker) {
    RunCleanupResult r =
        stub(client, worker, "dr-cleanup-nothing")
            .run(new RunCleanupInput(DRILL, RUNS, List.of(REGION), false, null));
    assertEquals("dry run: 0 would be deleted, 0 refused", r.summary());
    assertEquals(List.of(), r.findings());
  }

  @Test
  void aFindingWithoutTagsHasAnEmptyMap() {
    assertEquals(
        Map.of(),
        new CleanupFinding(
                "dns-change",
                "api.mycomputer.com",
                null,
                CleanupAction.REVERT_BY_COMMAND,
                "x",
                null)
            .tags());
  }

  @Test
  void badInputIsRefusedBeforeAnySearch(WorkflowClient client, Worker worker) {
    assertInvalid(client, worker, new RunCleanupInput(" ", RUNS, null, true, null), "workflowId");
    assertInvalid(
        client, worker, new RunCleanupInput(DRILL, List.of(RUNS.get(1)), null, true, null), "runs");
    assertInvalid(
        client,
        worker,
        new RunCleanupInput(
            DRILL,
            List.of(RUNS.get(0), new EndedRun(RESTORE, "", "x", "FAILED")),
            null,
            true,
            null),
        "runs");
    assertInvalid(
        client,
        worker,
        new RunCleanupInput(DRILL, RUNS, List.of("Europe"), true, null),
        "regions: 'Europe'");
    assertEquals(List.of(), aws.searched);
  }

  private void assertInvalid(
      WorkflowClient client, Worker worker, RunCleanupInput input, String message) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub(client, worker, "dr-cleanup-bad-" + System.nanoTime()).run(input));
    assertEquals("InvalidInput", Failures.rootType(e));
    assertTrue(Failures.rootMessage(e).startsWith(message), Failures.rootMessage(e));
  }

  private static RunCleanupWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        RunCleanupWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }

  private static List<String> lines(RunCleanupResult r) {
    return r.findings().stream().map(f -> f.action() + " " + f.type() + " " + f.id()).toList();
  }

  private static String action(RunCleanupResult r, String id) {
    return r.findings().stream()
        .filter(f -> f.id().equals(id))
        .findFirst()
        .orElseThrow()
        .action()
        .name();
  }

  private static String detail(RunCleanupResult r, String id) {
    return r.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow().detail();
  }
}
