package dev.drrunbooks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.DbInstanceQuota;
import dev.drrunbooks.drill.DrDrillInput;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.drill.DrDrillWorkflow;
import dev.drrunbooks.drill.ServiceDrill;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.RunReport;
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
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet drill's parent with time skipping, over a stand-in DR drill child (registered as the
 * DrDrill workflow type): it counts drills in flight, takes 20 minutes per drill, fails Locations
 * on its RPO and Payments on its stack, and on cancellation deletes its "test environment" for 5
 * minutes before it ends. The real DR drill and its own clean-up are DrDrillWorkflowTest's; here
 * the parent's queue, report and cancellation are under test.
 */
class FleetDrillWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(FleetDrillWorkflowImpl.class, StandInDrill.class);

  private final FakeRdsAccount account = new FakeRdsAccount();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    StandInDrill.reset();
    worker.registerActivitiesImplementations(new FakeCatalog(), account);
    env.start();
  }

  @Test
  void neverHasMoreDrillsInFlightThanItsLimitsAndDrillsTheCriticalFirst(
      WorkflowClient client, Worker worker) {
    FleetDrillResult r =
        stub(client, worker, "fleet-drill-all")
            .run(new FleetDrillInput(List.of("customer-base", "inventory"), 3, 1, "45m"));

    Histories.record(client, "fleet-drill-all", "fleet-drill-all");
    assertTrue(r.passed(), r.summary());
    assertEquals(1, StandInDrill.most.get(), "one region, one per region");
    assertEquals(1, r.mostAtOnce());
    assertEquals(new FleetLimits(3, 1), r.limits());
    assertEquals(
        List.of("customer-base", "inventory"),
        r.members().stream().map(FleetDrillMember::service).toList());
    assertEquals(List.of("45m", "45m"), StandInDrill.budgets);
    FleetDrillMember inventory = r.members().get(1);
    assertEquals("fleet-drill-all-inventory", inventory.workflowId());
    assertEquals("eu-west-1", inventory.region());
    assertEquals(20, inventory.queuedFor().toMinutes(), "it waited for customer-base's drill");
    assertEquals(20, inventory.ranFor().toMinutes());
    assertEquals(Duration.ZERO, r.members().get(0).queuedFor(), "the first waited for nothing");
    assertEquals(Duration.ofMinutes(12), inventory.rto().achieved());
    assertEquals(Duration.ofMinutes(30), inventory.rto().objective());
    assertEquals("DR drills of 2 of 2 service(s) passed", r.summary());
    assertEquals(
        "done: 0 in flight, 0 queued, 2 done",
        client.newUntypedWorkflowStub("fleet-drill-all").query("status", String.class));
  }

  @Test
  void aFailedDrillIsReportedWhileTheOthersFinish(WorkflowClient client, Worker worker) {
    FleetDrillResult r = stub(client, worker, "fleet-drill-fails").run(FleetDrillInput.all());

    Histories.record(client, "fleet-drill-fails", "fleet-drill-one-fails");
    assertFalse(r.passed());
    assertEquals(
        List.of("customer-base", "payments", "inventory", "locations"),
        r.members().stream().map(FleetDrillMember::service).toList());
    assertEquals(
        List.of("PASSED", "FAILED", "PASSED", "FAILED"),
        r.members().stream().map(FleetDrillMember::outcome).toList());
    FleetDrillMember payments = r.members().get(1);
    assertEquals("stack: CREATE_FAILED", payments.summary());
    assertNull(payments.rto(), "a drill that threw measured nothing");
    FleetDrillMember locations = r.members().get(3);
    assertEquals("RPO breached: 2h achieved, objective 1h", locations.summary());
    assertTrue(locations.rpo().breached());
    assertEquals(
        "DR drills of 2 of 4 service(s) passed; not passed: payments FAILED, locations FAILED",
        r.summary());
    assertTrue(StandInDrill.most.get() <= FleetLimits.DEFAULT_MAX_PER_REGION);
    assertEquals(4, r.mostAtOnce(), "defaults: 10 in all, 5 per region, 4 services");

    RunReport report = FleetDrillReport.MAPPING.report(r, ReportContext.of("fleet-drill-fails"));
    assertEquals(4, report.evidence().size());
    assertEquals("PASSED, RTO ≤ 1h, RPO ≤ 1h", report.evidence().get(3).expected());
    assertEquals("FAILED, RTO 12m, RPO 2h (breached)", report.evidence().get(3).found());
    assertEquals("PASSED", report.evidence().get(1).expected(), "payments measured nothing");
  }

  @Test
  void cancellingTheFleetCancelsEveryDrillInFlightAndWaitsForTheirCleanUps(
      WorkflowClient client, Worker worker) throws Exception {
    StandInDrill.block = true;
    FleetDrillWorkflow fleet = stub(client, worker, "fleet-drill-cancel");
    WorkflowClient.start(fleet::run, new FleetDrillInput(List.of("all"), 2, 2, null));
    for (int i = 0; i < 300 && StandInDrill.started.size() < 2; i++) Thread.sleep(100);
    assertEquals(2, StandInDrill.started.size());

    WorkflowStub.fromTyped(fleet).cancel();

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(fleet).getResult(FleetDrillResult.class));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    // both in flight cleaned up before the fleet ended; the two queued never started
    assertEquals(
        List.of("fleet-drill-cancel-customer-base", "fleet-drill-cancel-payments"),
        StandInDrill.started.stream().sorted().toList());
    assertEquals(
        List.of("fleet-drill-cancel-customer-base", "fleet-drill-cancel-payments"),
        StandInDrill.cleanedUp.stream().sorted().toList());
    assertEquals(0, StandInDrill.inFlight.get());
  }

  @Test
  void drillsNoMoreAtOnceThanTheRegionsDbInstanceQuotaHasRoomFor(
      WorkflowClient client, Worker worker) {
    account.quotas.put("eu-west-1", new DbInstanceQuota("eu-west-1", 40, 38));

    FleetDrillResult r =
        stub(client, worker, "fleet-drill-quota")
            .run(new FleetDrillInput(List.of("all"), 4, 4, null));

    assertEquals(2, StandInDrill.most.get(), "two drills at once: room for two instances");
    assertEquals(2, r.mostAtOnce());
    assertEquals(4, StandInDrill.started.size());
    assertEquals(List.of("eu-west-1"), account.asked);
  }

  @Test
  void aRegionWithoutRoomUnderItsQuotaDrillsNothingAndSaysWhy(
      WorkflowClient client, Worker worker) {
    account.quotas.put("eu-west-1", new DbInstanceQuota("eu-west-1", 40, 40));

    FleetDrillResult r = stub(client, worker, "fleet-drill-full").run(FleetDrillInput.all());

    assertEquals(List.of(), StandInDrill.started);
    assertEquals(4, r.members().size());
    for (FleetDrillMember m : r.members()) {
      assertEquals(FleetMemberResult.NOT_STARTED, m.outcome(), m.toString());
      assertEquals(
          "not started: no room under the DB-instance quota (eu-west-1: 40 of 40 DB instances"
              + " used)",
          m.summary());
    }
  }

  @Test
  void badInputIsRefusedBeforeAnyDrillStarts(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "fleet-drill-bad")
                    .run(new FleetDrillInput(List.of("all"), 0, null, null)));
    ApplicationFailure f = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals("maxConcurrent: '0' is not valid; allowed: 1 to 1000", f.getOriginalMessage());
    assertEquals(List.of(), StandInDrill.started);
  }

  private static FleetDrillWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        FleetDrillWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowExecutionTimeout(Duration.ofHours(4))
            .build());
  }

  /** A DR drill child that takes time, fails where told, and cleans up when cancelled. */
  public static class StandInDrill implements DrDrillWorkflow {
    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicInteger most = new AtomicInteger();
    static final List<String> started = Collections.synchronizedList(new ArrayList<>());
    static final List<String> cleanedUp = Collections.synchronizedList(new ArrayList<>());
    static final List<String> budgets = Collections.synchronizedList(new ArrayList<>());
    static volatile boolean block;

    static void reset() {
      inFlight.set(0);
      most.set(0);
      started.clear();
      cleanedUp.clear();
      budgets.clear();
      block = false;
    }

    @Override
    public DrDrillResult run(DrDrillInput in) {
      String service = in.services().get(0);
      String id = Workflow.getInfo().getWorkflowId();
      if (!Workflow.isReplaying()) {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        started.add(id);
        budgets.add(in.waitBudget());
      }
      try {
        Workflow.sleep(block ? Duration.ofDays(1) : Duration.ofMinutes(20));
      } catch (CanceledFailure cancelled) {
        Workflow.newDetachedCancellationScope(
                () -> {
                  Workflow.sleep(Duration.ofMinutes(5));
                  if (!Workflow.isReplaying()) {
                    cleanedUp.add(id);
                    inFlight.decrementAndGet();
                  }
                })
            .run();
        throw cancelled;
      }
      if (!Workflow.isReplaying()) inFlight.decrementAndGet();
      if (service.equals("payments"))
        throw ApplicationFailure.newNonRetryableFailure("stack: CREATE_FAILED", "StackFailed");
      boolean rpoBreached = service.equals("locations");
      Duration objective =
          service.equals("locations") ? Duration.ofHours(1) : Duration.ofMinutes(30);
      RecoveryObjectives objectives =
          new RecoveryObjectives(
              ObjectiveCheck.of(objective, Duration.ofMinutes(12), "from run start"),
              ObjectiveCheck.of(
                  objective, rpoBreached ? Duration.ofHours(2) : Duration.ofMinutes(4), "x"));
      String failure = rpoBreached ? "RPO breached: 2h achieved, objective 1h" : null;
      ServiceDrill drilled =
          new ServiceDrill(
              service, List.of(), "snap", null, null, objectives, !rpoBreached, failure);
      return new DrDrillResult(
          List.of(drilled),
          id + "-env",
          List.of(),
          List.of(),
          List.of(),
          !rpoBreached,
          null,
          "DR drill " + (rpoBreached ? "FAILED" : "PASSED") + " for " + service);
    }

    @Override
    public String status() {
      return "drilling";
    }
  }
}
