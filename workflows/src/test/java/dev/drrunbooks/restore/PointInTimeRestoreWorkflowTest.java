package dev.drrunbooks.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PointInTimeRestoreWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(PointInTimeRestoreWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(rds, new FakeCatalog());
    env.start();
  }

  @Test
  void restoresToTheLatestPointValidatesAndLeavesTheInstanceUp(
      WorkflowClient client, Worker worker) {
    PointInTimeRestoreResult result =
        stub(client, worker, "pitr-inventory-20240115T0330Z")
            .run(PointInTimeRestoreInput.latest("inventory"));

    Histories.record(client, "pitr-inventory-20240115T0330Z", "pitr-latest");
    Histories.record(client, "pitr-inventory-20240115T0330Z", "pitr-first-poll-deferred");
    assertEquals("pitr-inventory-20240115t0330z-pitr", result.restoredInstance());
    assertEquals(rds.window.latest(), result.restorePoint());
    assertTrue(result.validation().passed());
    assertEquals(4, result.validation().outcomes().size());
    InstanceInfo restored = rds.instances.get("eu-west-1/pitr-inventory-20240115t0330z-pitr");
    assertEquals("available", restored.status(), "the recovered instance stays up");
    String runId =
        client
            .newUntypedWorkflowStub("pitr-inventory-20240115T0330Z")
            .describe()
            .getExecution()
            .getRunId();
    assertEquals(
        runId,
        restored.tags().get(Ownership.RUN_TAG),
        "owned by this very run: " + restored.tags());
    assertTrue(new Ownership("pitr-inventory-20240115T0330Z", runId, "pitr").owns(restored.tags()));
    assertFalse(
        new Ownership("pitr-inventory-20240115T0330Z", "another-run", "pitr").owns(restored.tags()),
        "another run with the same workflow id does not own it");
    assertEquals(List.of(), rds.deleted);
    assertEquals(Duration.ofMinutes(30), result.objectives().rto().objective());
    assertEquals(Duration.ofMinutes(15), result.objectives().rpo().objective());
    assertFalse(result.timeline().isEmpty());
  }

  @Test
  void anInstanceOfItsNameCreatedByAnEarlierRunOfTheSameIdIsRefusedAndLeftAlone(
      WorkflowClient client, Worker worker) {
    // An earlier run with the same workflow id (a reused id) restored and kept this instance.
    String target = "pitr-inventory-reused-pitr";
    Map<String, String> earlier =
        new Ownership("pitr-inventory-reused", "run-of-the-earlier-start", "pitr").tags();
    rds.instances.put(
        "eu-west-1/" + target,
        new InstanceInfo(
            target, "eu-west-1", "arn:" + target, "available", target + ".example", 5432, earlier));

    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-inventory-reused")
                    .run(PointInTimeRestoreInput.latest("inventory")));

    assertTrue(
        Failures.rootMessage(failed)
            .startsWith(
                "instance "
                    + target
                    + " exists and is not ours (cleanup: "
                    + "nothing to clean up)"),
        Failures.rootMessage(failed));
    assertEquals(List.of(), rds.deleted, "the earlier run's kept restore is untouched");
    assertEquals("available", rds.instances.get("eu-west-1/" + target).status());
  }

  @Test
  void aRunPlacesItsRestoreWhereItsInputSaysAndRefusesASecurityGroupName(
      WorkflowClient client, Worker worker) {
    PointInTimeRestoreInput placed =
        new PointInTimeRestoreInput(
            "inventory",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "app-subnets",
            List.of("sg-0123456789abcdef0"),
            "app-postgres15",
            null,
            null,
            null);
    stub(client, worker, "pitr-inventory-placed").run(placed);
    InstanceShape sent = rds.restoreShapes.get(rds.restoreShapes.size() - 1);
    assertEquals("app-subnets", sent.subnetGroup());
    assertEquals(List.of("sg-0123456789abcdef0"), sent.securityGroupIds());
    assertEquals("app-postgres15", sent.parameterGroup());

    PointInTimeRestoreInput named =
        new PointInTimeRestoreInput(
            "inventory",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("web-sg"),
            null,
            null,
            null,
            null);
    WorkflowFailedException refused =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub(client, worker, "pitr-inventory-sg-name").run(named));
    assertEquals(FailureType.INVALID_INPUT.type(), Failures.rootType(refused));
    assertTrue(
        Failures.rootMessage(refused)
            .startsWith("securityGroupIds[0]: 'web-sg' is not valid; a VPC security " + "group id"),
        Failures.rootMessage(refused));
  }

  @Test
  void measuresRtoAndRpoFromTheIncidentAndFlagsABreach(WorkflowClient client, Worker worker) {
    Instant incident = rds.now.minus(Duration.ofHours(1));
    Instant point = incident.minus(Duration.ofMinutes(20));
    PointInTimeRestoreResult result =
        stub(client, worker, "pitr-breach")
            .run(
                new PointInTimeRestoreInput(
                    "inventory",
                    null,
                    point.toString(),
                    null,
                    incident.toString(),
                    null,
                    null,
                    null,
                    null));

    assertEquals(point, result.restorePoint());
    assertEquals(Duration.ofMinutes(20), result.objectives().rpo().achieved());
    assertTrue(result.objectives().rpo().breached(), "20 min lost against a 15 min RPO");
    assertTrue(result.objectives().rto().achieved().compareTo(Duration.ofHours(1)) >= 0);
    assertTrue(
        result.objectives().rto().breached(), "an hour since the incident against a 30 min RTO");
    assertTrue(result.summary().contains("OBJECTIVE BREACHED"), result.summary());
  }

  @Test
  void aRestoreTimeOutsideTheWindowIsRefusedWithTheWindow(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-old")
                    .run(
                        new PointInTimeRestoreInput(
                            "inventory",
                            null,
                            "2024-01-15T03:30:00Z",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));

    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals("InvalidInput", cause.getType());
    assertEquals(
        "restoreTime: '2024-01-15T03:30:00Z' is not valid; the restorable window of"
            + " mycomputer-inventory-db in eu-west-1 is "
            + rds.window.earliest()
            + " to "
            + rds.window.latest(),
        cause.getOriginalMessage());
    assertEquals(0, rds.restoreCalls.get(), "nothing restored");
  }

  @Test
  void badInputNamesTheFieldAndWhatIsAllowed(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-bad")
                    .run(
                        new PointInTimeRestoreInput(
                            "inventory", null, "yesterday", null, null, null, null, null, null)));
    assertEquals(
        "restoreTime: 'yesterday' is not valid; expected an ISO-8601 UTC instant such as"
            + " 2024-01-15T03:30:00Z",
        Failures.rootMessage(e));

    e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-bad-2")
                    .run(
                        new PointInTimeRestoreInput(
                            "inventory", null, null, "Bad_Name", null, null, null, null, null)));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith("targetInstance: 'Bad_Name' is not valid; an RDS identifier"),
        Failures.rootMessage(e));
  }

  @Test
  void aWorkerFailureAfterTheRestoreCallFindsItsInstanceInsteadOfMakingASecond(
      WorkflowClient client, Worker worker) {
    rds.crashAfterFirstRestore = true;

    PointInTimeRestoreResult result =
        stub(client, worker, "pitr-retry").run(PointInTimeRestoreInput.latest("inventory"));

    assertEquals(2, rds.restoreCalls.get(), "the restore activity was retried");
    assertEquals(List.of("eu-west-1/pitr-retry-pitr"), rds.created, "exactly one instance created");
    assertEquals(1, rds.ownedBy("pitr-retry").size());
    assertEquals("pitr-retry-pitr", result.restoredInstance());
  }

  @Test
  void failedValidationDeletesTheRestoredInstanceUnlessAskedToKeepIt(
      WorkflowClient client, Worker worker) {
    rds.failValidation = true;
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-invalid")
                    .run(PointInTimeRestoreInput.latest("inventory")));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "data validation failed on pitr-invalid-pitr: 1 of 4 checks FAILED: "
                    + "items-present expected >= 100, found 0"),
        Failures.rootMessage(e));
    assertTrue(
        Failures.rootMessage(e).endsWith("(cleanup: rds:pitr-invalid-pitr deleting)"),
        Failures.rootMessage(e));
    assertEquals(List.of("eu-west-1/pitr-invalid-pitr"), rds.deleted);

    assertThrows(
        WorkflowFailedException.class,
        () ->
            stub(client, worker, "pitr-keep")
                .run(
                    new PointInTimeRestoreInput(
                        "inventory", null, null, null, null, null, true, null, null)));
    assertEquals(1, rds.ownedBy("pitr-keep").size(), "kept for forensics");
  }

  @Test
  void cancellationWhileWaitingDeletesTheOwnedInstance(WorkflowClient client, Worker worker)
      throws Exception {
    rds.blockInAwait = true;
    PointInTimeRestoreWorkflow wf = stub(client, worker, "pitr-cancel");
    WorkflowClient.start(wf::run, PointInTimeRestoreInput.latest("inventory"));
    assertTrue(rds.waiting.await(30, TimeUnit.SECONDS), "the run reached the wait");

    WorkflowStub.fromTyped(wf).cancel();

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(wf).getResult(PointInTimeRestoreResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());

    Histories.record(client, "pitr-cancel", "pitr-cancelled-mid-wait");
    assertEquals(List.of("eu-west-1/pitr-cancel-pitr"), rds.deleted);
    assertEquals(0, rds.ownedBy("pitr-cancel").size());
  }

  /**
   * Issue 10, finding 3: the restore asks for the source's settings; the instance's are checked
   * once available.
   */
  @Test
  void verifiesWhereTheRestoredInstanceIsOnceAvailable(WorkflowClient client, Worker worker) {
    stub(client, worker, "pitr-placement").run(PointInTimeRestoreInput.latest("inventory"));

    Histories.record(client, "pitr-placement", "pitr-placement-verified");
    assertEquals(
        List.of(InstanceShape.asSource()),
        rds.restoreShapes,
        "nothing set in the catalog or the input: the activity takes every setting from the"
            + " source");
    assertEquals(
        List.of("eu-west-1/pitr-placement-pitr from mycomputer-inventory-db"), rds.placementChecks);
  }

  @Test
  void aRestoredInstanceOutsideTheIntendedSecurityGroupsFailsTheRunNamingTheFieldAndIsDeleted(
      WorkflowClient client, Worker worker) {
    rds.misplaced =
        "VPC security groups: intended [sg-0a1b2c3d4e5f60718], found [sg-0default000000000]";

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "pitr-misplaced")
                    .run(PointInTimeRestoreInput.latest("inventory")));

    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "RDS instance 'pitr-misplaced-pitr' in eu-west-1 is not where the restore intended:"
                    + " VPC security groups: intended [sg-0a1b2c3d4e5f60718], found"
                    + " [sg-0default000000000]"),
        Failures.rootMessage(e));
    assertEquals(
        List.of("eu-west-1/pitr-misplaced-pitr"),
        rds.deleted,
        "an unreachable restore is not kept");
  }

  private static PointInTimeRestoreWorkflow stub(
      WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(
        PointInTimeRestoreWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(workflowId)
            .build());
  }
}
