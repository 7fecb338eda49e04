package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentResponseWorkflowTest.awaitStatus;
import static dev.drrunbooks.incident.IncidentResponseWorkflowTest.phase;
import static dev.drrunbooks.incident.IncidentResponseWorkflowTest.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflowImpl;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.incident.IncidentResponseWorkflowTest.FakeEscalations;
import dev.drrunbooks.incident.IncidentResponseWorkflowTest.FakeReports;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An incident whose history bound is driven low continues as new: the next run carries its state
 * (phases done, escalations, the recovery child's outcome, the timeline), keeps its absolute
 * deadlines, and waits for a running child before continuing.
 */
class IncidentContinueAsNewTest {
  /**
   * Passed by the time a recovery starts, so only the running child holds the continue-as-new back.
   */
  private static final int BOUND = 80;

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          IncidentResponseWorkflowImpl.class, EcsServiceRecoveryWorkflowImpl.class);

  private final FakeEscalations escalations = new FakeEscalations();
  private final FakeReports reports = new FakeReports();

  /** Holds the ECS recovery child in its first call, so it runs until the test lets it go. */
  private final CountDownLatch ecsReleased = new CountDownLatch(1);

  private TestWorkflowEnvironment env;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    worker.registerActivitiesImplementations(
        new FakeCatalog(), escalations, reports, heldEcs(), new FakeLocks());
    env.start();
  }

  @Test
  void aLongIncidentContinuesAsNewCarryingItsStateAndDeadlines(
      WorkflowClient client, Worker worker) {
    String id = "incident-continued";
    IncidentResponseWorkflow first =
        client.newWorkflowStub(
            IncidentResponseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(id)
                .build());
    WorkflowClient.start(
        first::run,
        new IncidentInput(
            "P2", List.of("inventory"), "orders fail", null, "pagerduty", BOUND, null));
    String firstRun = WorkflowStub.fromTyped(first).getExecution().getRunId();
    // Addressed by workflow id only: updates and queries reach whichever run is current.
    IncidentResponseWorkflow wf = client.newWorkflowStub(IncidentResponseWorkflow.class, id);
    awaitStatus(wf, s -> !s.phase().equals("opening"));
    Instant detected = wf.status().detectedAt();

    env.sleep(Duration.ofMinutes(11));
    awaitStatus(wf, s -> s.escalations() == 1);
    wf.acknowledge(new Acknowledgement("gina", "paged"));
    wf.note(new IncidentNote("gina", "status page updated", "communication"));
    client.newUntypedWorkflowStub(id).signal("noteSignal", Map.of("who", "chatbot", "text", " "));
    env.sleep(Duration.ofMinutes(25));
    awaitStatus(wf, s -> s.escalations() == 2);
    assertEquals("", continuedFrom(client, id), "the bound is not reached yet");
    String child =
        wf.recover(
            RecoveryRequest.of("ecs", "inventory", "gina", "redeploy the stable task definition"));
    for (int i = 0; i < 10 && client.fetchHistory(id).getEvents().size() <= BOUND; i++) {
      wf.note(new IncidentNote("gina", "still recovering, " + i, "note"));
    }
    assertTrue(
        client.fetchHistory(id).getEvents().size() > BOUND,
        "the bound is passed while the child runs");
    assertEquals("", continuedFrom(client, id), "no continue-as-new while a recovery child runs");

    ecsReleased.countDown();
    for (int i = 0; i < 200 && continuedFrom(client, id).isEmpty(); i++) sleep(50);
    assertEquals(firstRun, continuedFrom(client, id), "continued as new once the child ended");

    IncidentStatus carried = wf.status();
    assertEquals(
        "verification",
        IncidentResponseWorkflowTest.drPhase(client, id),
        "the new run tags itself again");
    assertEquals(IncidentPhase.DETECTION.missing(), escalations.received.get(0).detail());
    assertEquals("gina", carried.acknowledgedBy());
    assertEquals(
        "noteSignal from chatbot: text: the note is empty",
        carried.rejectedSignals().stream()
            .map(r -> r.signal() + " from " + r.who() + ": " + r.reason())
            .toList()
            .get(0),
        "a refused signal is carried to the next run");
    assertEquals(detected, carried.detectedAt());
    assertEquals(2, carried.escalations());
    assertEquals("done-late", phase(carried, "detection").state());
    assertEquals("done", phase(carried, "communication").state());
    assertEquals("done", phase(carried, "recovery").state(), "the child's success is carried");
    assertEquals(child, carried.children().get(0).workflowId());
    assertEquals(RecoveryKind.ECS, carried.children().get(0).kind());
    assertEquals("RECOVERED", carried.children().get(0).state());
    assertEquals(
        detected.plus(Duration.ofHours(1)),
        phase(carried, "verification").deadline(),
        "P2: 30m RTO x 2");

    // No env.sleep after the continue-as-new: the test server's time skipping stays locked once a
    // parent
    // with a child continues as new (temporalio/sdk-java#1539), so the moved deadline is one
    // already passed.
    // The new run's deadlines move with the severity, counted from the same detection instant:
    // verification
    // (P1: +30m) has passed at +36m and is escalated at once; detection and assessment are not
    // escalated again.
    IncidentStatus raised = wf.changeSeverity(new SeverityChange("P1", "gina", "every region now"));
    assertEquals(detected.plus(Duration.ofMinutes(30)), phase(raised, "verification").deadline());
    awaitStatus(wf, s -> s.escalations() == 3);
    for (int i = 0; i < 200 && escalations.received.size() < 3; i++) sleep(50);
    assertEquals(
        List.of("detection", "assessment", "verification"),
        escalations.phases(),
        "none escalated twice across runs");
    assertEquals(detected.plus(Duration.ofMinutes(30)), escalations.received.get(2).deadline());

    // The continued run takes signals too.
    client
        .newUntypedWorkflowStub(id)
        .signal("verifySignal", Map.of("who", "gina", "why", "smoke tests green"));
    awaitStatus(wf, s -> s.verified().equals(List.of("inventory")));
    wf.resolve(new Resolution("gina", "stable again", false, null, null));
    IncidentResult result = client.newUntypedWorkflowStub(id).getResult(IncidentResult.class);
    assertEquals(IncidentOutcome.RESOLVED, result.outcome());
    assertEquals(List.of("detection", "assessment", "verification"), result.escalated());
    assertEquals(detected, result.detectedAt());
    List<String> steps = result.timeline().stream().map(TimelineEntry::step).toList();
    for (String expected :
        List.of(
            "resolve inventory",
            "escalation: detection deadline missed",
            "recovery started: " + child,
            "recovery " + child + ": RECOVERED",
            "continued as new",
            "severity P2 -> P1",
            "escalation: verification deadline missed",
            "resolved by gina")) {
      assertTrue(steps.contains(expected), expected + " in " + steps);
    }
    assertEquals(
        "run 2 of the incident carries its state; this run's history had",
        IncidentResponseWorkflowTest.step(result, "continued as new")
            .detail()
            .replaceFirst(" \\d+ events$", ""));
    assertEquals(1, reports.written.size());
    assertTrue(
        reports.written.get(0).notes().stream().anyMatch(n -> n.startsWith("Recovery " + child)),
        reports.written.get(0).notes().toString());

    Histories.record(client, id, firstRun, "incident-continuing-as-new");
    Histories.record(client, id, "incident-continued-run");
  }

  @Test
  void aBoundBelowTheMinimumIsRefusedNamingTheField(WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf =
        client.newWorkflowStub(
            IncidentResponseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("incident-low-bound")
                .build());
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> wf.run(new IncidentInput("P1", List.of("inventory"), "x", null, null, 19, null)));
    assertEquals(
        "continueAsNewAfterEvents: '19' is not valid; allowed: at least 20 events, or leave it out "
            + "(default 5000)",
        Failures.rootMessage(e));
  }

  /** The fake ECS, whose describeService waits for {@link #ecsReleased} (at most a minute). */
  private EcsActivities heldEcs() {
    FakeEcs ecs = new FakeEcs();
    return (EcsActivities)
        Proxy.newProxyInstance(
            EcsActivities.class.getClassLoader(),
            new Class<?>[] {EcsActivities.class},
            (proxy, method, args) -> {
              if (method.getName().equals("describeService"))
                ecsReleased.await(1, TimeUnit.MINUTES);
              try {
                return method.invoke(ecs, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** The run the workflow's current run continues; empty while the first run is current. */
  private static String continuedFrom(WorkflowClient client, String id) {
    HistoryEvent started = client.fetchHistory(id).getEvents().get(0);
    return started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
  }
}
