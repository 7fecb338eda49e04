package dev.drrunbooks.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.http.Escalation;
import dev.drrunbooks.activities.http.EscalationActivities;
import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflowImpl;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.failover.FailoverStatus;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.ReportStep;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.UpdateMethod;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncidentResponseWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          IncidentResponseWorkflowImpl.class,
          DnsFailoverWorkflowImpl.class,
          EcsServiceRecoveryWorkflowImpl.class);

  private final FakeEscalations escalations = new FakeEscalations();
  private final FakeReports reports = new FakeReports();
  private final FakeRegions aws = new FakeRegions();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    worker.registerActivitiesImplementations(
        new FakeCatalog(), escalations, reports, aws, new FakeEcs(), new FakeLocks());
    env.start();
  }

  /**
   * The client interface and the run's update table agree: every update a client can call has a row
   * (a null payload reaches its validator, not the "no such update" refusal), and a name with no
   * row is refused naming the ones there are.
   */
  @Test
  void everyDeclaredUpdateIsAnsweredAndNoOther(WorkflowClient client, Worker worker) {
    open(
        client,
        worker,
        "incident-contract",
        IncidentInput.of("P2", List.of("inventory"), "slow checkout"));
    WorkflowStub untyped = client.newUntypedWorkflowStub("incident-contract");
    List<String> declared =
        Arrays.stream(IncidentResponseWorkflow.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(UpdateMethod.class))
            .map(Method::getName)
            .sorted()
            .toList();
    assertEquals(
        List.of("acknowledge", "changeSeverity", "note", "recover", "resolve", "verify"), declared);
    for (String update : declared) {
      WorkflowUpdateException refused =
          assertThrows(
              WorkflowUpdateException.class,
              () -> untyped.update(update, Object.class, (Object) null),
              update);
      String reason = Failures.rootMessage(refused);
      assertFalse(reason.contains("is not an update of an incident"), update + ": " + reason);
    }
    WorkflowUpdateException unknown =
        assertThrows(
            WorkflowUpdateException.class,
            () -> untyped.update("escalate", Object.class, (Object) null));
    assertTrue(
        Failures.rootMessage(unknown)
            .contains(
                "'escalate' is not an update of an incident; allowed: [acknowledge, changeSeverity,"
                    + " note, recover, verify, resolve]"),
        Failures.rootMessage(unknown));
  }

  @Test
  void everyPhaseDeadlineMissedIsEscalatedOnceAndRecorded(WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-missed",
            IncidentInput.of("P1", List.of("inventory"), "API returns 503"));
    Instant detected = wf.status().detectedAt();

    env.sleep(Duration.ofMinutes(6));
    awaitStatus(wf, s -> s.escalations() == 1);
    awaitEscalations(1);
    assertEquals(List.of("detection"), escalations.phases());
    assertEquals("missed", phase(wf.status(), "detection").state());
    assertEquals("open", phase(wf.status(), "assessment").state());

    // Inventory's RTO is 30 minutes: verification is due at +30m; everything has passed by +31m.
    env.sleep(Duration.ofMinutes(25));
    awaitStatus(wf, s -> s.escalations() == 5);
    awaitEscalations(5);
    env.sleep(Duration.ofMinutes(30));
    List<String> phases = escalations.phases();
    assertEquals(5, phases.size(), "one escalation per missed phase, none twice: " + phases);
    assertEquals(
        Set.of("detection", "assessment", "communication", "recovery", "verification"),
        Set.copyOf(phases));
    assertEquals(List.of("detection", "assessment"), phases.subList(0, 2), "in deadline order");
    // Recovery and verification are both due at the strictest RTO (+30m): escalated together, in
    // either order.
    assertEquals(
        Set.of("recovery", "verification"), Set.copyOf(phases.subList(3, 5)), phases.toString());
    Escalation first = escalations.received.get(0);
    assertEquals("incident-missed", first.incidentId());
    assertEquals(detected.plus(Duration.ofMinutes(5)), first.deadline());
    assertEquals(detected.plus(Duration.ofMinutes(30)), escalations.received.get(4).deadline());
    IncidentStatus status = wf.status();
    assertTrue(
        status.phases().stream().allMatch(p -> p.state().equals("missed") && p.escalated()),
        status.toString());

    wf.resolve(
        new Resolution("alice", "false alarm: the load balancer's own check", true, null, null));
    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);
    assertEquals(IncidentOutcome.RESOLVED_FORCED, result.outcome());
    assertEquals(
        List.of("detection", "assessment", "communication", "recovery", "verification"),
        result.escalated());
    assertEquals(
        5, result.timeline().stream().filter(t -> t.step().startsWith("escalation: ")).count());
    assertTrue(
        result.timeline().stream()
            .anyMatch(
                t ->
                    t.step().equals("escalation: assessment deadline missed")
                        && t.detail().contains("webhook: delivered to the fake")),
        result.timeline().toString());
  }

  @Test
  void aSeverityChangeFromP2ToP1TightensTheDeadlines(WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-severity",
            IncidentInput.of("P2", List.of("locations"), "search is slow"));
    Instant detected = wf.status().detectedAt();
    assertEquals(
        detected.plus(Duration.ofMinutes(10)),
        phase(wf.status(), "detection").deadline(),
        "P2: 5m x 2");
    assertEquals(
        detected.plus(Duration.ofHours(2)),
        phase(wf.status(), "verification").deadline(),
        "P2: Locations' 1h RTO x 2");

    env.sleep(Duration.ofMinutes(6));
    assertEquals(List.of(), escalations.phases(), "P2 detection is due at +10m");

    WorkflowUpdateException same =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.changeSeverity(new SeverityChange("P2", "bob", "still P2")));
    assertTrue(Failures.rootMessage(same).contains("already P2"), Failures.rootMessage(same));
    WorkflowUpdateException bad =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.changeSeverity(new SeverityChange("P0", "bob", "worse")));
    assertTrue(
        Failures.rootMessage(bad).startsWith("severity: 'P0' is not valid; allowed: P1"),
        Failures.rootMessage(bad));

    IncidentStatus after =
        wf.changeSeverity(new SeverityChange("P1", "bob", "all locations down now"));
    assertEquals("P1", after.severity());
    assertEquals(detected.plus(Duration.ofMinutes(5)), phase(after, "detection").deadline());
    assertEquals(detected.plus(Duration.ofHours(1)), phase(after, "verification").deadline());
    awaitStatus(wf, s -> s.escalations() == 1);
    awaitEscalations(1);
    assertEquals(
        List.of("detection"),
        escalations.phases(),
        "the tightened deadline had passed: escalated at once");
    assertEquals("P1", escalations.received.get(0).severity());

    wf.acknowledge(new Acknowledgement("bob", "on it"));
    assertEquals("done-late", phase(wf.status(), "detection").state());
    wf.resolve(new Resolution("bob", "recovered by itself", true, null, null));
    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);
    assertEquals("P1", result.severity());
    assertTrue(result.timeline().stream().anyMatch(t -> t.step().equals("severity P2 -> P1")));
  }

  @Test
  void aFailoverStartedFromTheIncidentIsApprovedOnTheChildAndShows(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-failover",
            IncidentInput.of("P1", List.of("inventory"), "eu-west-1 ALB down"));

    WorkflowUpdateException notAcked =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.recover(RecoveryRequest.of("failover", "inventory", "alice", "primary down")));
    assertTrue(
        Failures.rootMessage(notAcked).contains("not acknowledged"),
        Failures.rootMessage(notAcked));
    wf.acknowledge(new Acknowledgement("alice", "paged"));
    WorkflowUpdateException badKind =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.recover(RecoveryRequest.of("reboot", "inventory", "alice", "why not")));
    assertTrue(
        Failures.rootMessage(badKind)
            .startsWith("kind: 'reboot' is not valid; allowed: failover, restore, ecs"),
        Failures.rootMessage(badKind));
    WorkflowUpdateException other =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.recover(RecoveryRequest.of("failover", "payments", "alice", "why not")));
    assertTrue(
        Failures.rootMessage(other)
            .contains("'payments' is not affected by this incident; affected: inventory"),
        Failures.rootMessage(other));

    String childId =
        wf.recover(RecoveryRequest.of("failover", "inventory", "alice", "primary returns 503"));
    assertEquals(
        "incident-failover-failover-inventory",
        childId,
        "derived from the incident: unique per start");
    assertEquals("RUNNING", wf.status().children().get(0).state());
    assertEquals(
        "open",
        phase(wf.status(), "recovery").state(),
        "started is not done (issue 10, finding 11)");
    assertEquals("done", phase(wf.status(), "assessment").state());

    DnsFailoverWorkflow child = client.newWorkflowStub(DnsFailoverWorkflow.class, childId);
    for (int i = 0; i < 200 && child.status().waitingFor() == null; i++) sleep(50);
    FailoverStatus gate = child.status();
    assertNotNull(gate.waitingFor(), "the child waits at its own gate: " + gate);
    child.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary returns 503"));

    IncidentStatus status = awaitStatus(wf, s -> !s.children().get(0).running());
    ChildRecovery c = status.children().get(0);
    assertEquals("SWITCHED", c.state(), c.toString());
    assertEquals(childId, c.workflowId());
    assertEquals("done", phase(status, "recovery").state(), "done when the child succeeded");
    assertEquals("alice", phase(status, "recovery").doneBy());
    assertEquals(
        List.of("api.mycomputer.com 90/10", "api.mycomputer.com 50/50", "api.mycomputer.com 0/100"),
        aws.changes);

    WorkflowUpdateException early =
        assertThrows(
            WorkflowUpdateException.class, () -> wf.resolve(Resolution.of("alice", "done")));
    assertTrue(
        Failures.rootMessage(early).contains("not verified: inventory"),
        Failures.rootMessage(early));
    wf.verify(new Verification("alice", "smoke tests pass from eu-central-1", null));
    wf.resolve(Resolution.of("alice", "traffic served from the DR region"));
    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);
    assertEquals(IncidentOutcome.RESOLVED, result.outcome());
    assertEquals("SWITCHED", result.children().get(0).state());
    RunReport report = reports.written.get(0);
    assertTrue(
        report.timeline().stream().anyMatch(s -> s.step().startsWith(childId + ": shift 100%")),
        "the child's steps are in the review's timeline");
    Histories.record(client, "incident-failover", "incident-failover-child-resolved");
  }

  @Test
  void anEcsRecoveryRunsAsANumberedChildAndAFailoverAlreadyRunningIsNamed(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow outside =
        client.newWorkflowStub(
            DnsFailoverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("dns-failover-api.mycomputer.com")
                .build());
    WorkflowClient.start(outside::run, DnsFailoverInput.of("inventory", null));
    for (int i = 0; i < 200 && outside.status().waitingFor() == null; i++) sleep(50);

    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-ecs",
            IncidentInput.of("P1", List.of("inventory"), "tasks crash-loop"));
    wf.acknowledge(new Acknowledgement("erin", "paged"));
    // The record's lock is held by the failover started outside the incident: the child is refused,
    // naming it.
    assertEquals(
        "incident-ecs-failover-inventory",
        wf.recover(RecoveryRequest.of("failover", "inventory", "erin", "primary down")));
    IncidentStatus afterRefusal =
        awaitStatus(wf, s -> s.children().size() == 1 && !s.children().get(0).running());
    assertEquals("FAILED", afterRefusal.children().get(0).state());
    assertNotEquals(
        "done",
        phase(afterRefusal, "recovery").state(),
        "a failed child does not complete recovery");
    assertTrue(
        afterRefusal
            .children()
            .get(0)
            .detail()
            .contains("held by run dns-failover-api.mycomputer.com"),
        afterRefusal.children().get(0).detail());

    String first =
        wf.recover(
            RecoveryRequest.of("ecs", "inventory", "erin", "redeploy the stable task definition"));
    assertEquals("incident-ecs-ecs-inventory", first);
    IncidentStatus recovered =
        awaitStatus(
            wf,
            s ->
                s.children().stream()
                    .anyMatch(c -> c.workflowId().equals(first) && c.state().equals("RECOVERED")));
    assertTrue(
        phase(recovered, "recovery").state().startsWith("done"),
        phase(recovered, "recovery").toString());
    String second = wf.recover(RecoveryRequest.of("ecs", "inventory", "erin", "once more"));
    assertEquals("incident-ecs-ecs-inventory-2", second, "a finished child's id is not reused");
    awaitStatus(
        wf,
        s -> s.children().stream().anyMatch(c -> c.workflowId().equals(second) && !c.running()));

    wf.verify(new Verification("erin", "steady, smoke tests green", null));
    wf.resolve(new Resolution("erin", "stable again", false, null, null));
    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);
    assertEquals(3, result.children().size());
    assertTrue(
        result.followUpDrill().note().startsWith("no drill scheduled"),
        result.followUpDrill().toString());
    // The outside failover still holds the record: abort it at its gate (unless time skipping
    // already timed it out).
    if (outside.status().waitingFor() != null) {
      outside.abort(
          new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "erin", "the incident is resolved"));
    }
    assertEquals(
        FailoverOutcome.ABORTED,
        WorkflowStub.fromTyped(outside).getResult(DnsFailoverResult.class).outcome());
  }

  @Test
  void resolvingWritesThePostIncidentReviewWithTheTimelineAndObjectives(
      WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-review",
            IncidentInput.of("P1", List.of("inventory", "locations"), "stock levels wrong"));
    Instant detected = wf.status().detectedAt();
    env.sleep(Duration.ofMinutes(2));
    wf.acknowledge(new Acknowledgement("carol", "on call"));
    WorkflowUpdateException twice =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.acknowledge(new Acknowledgement("dave", "me too")));
    assertTrue(
        Failures.rootMessage(twice).startsWith("already acknowledged by carol"),
        Failures.rootMessage(twice));
    wf.note(
        new IncidentNote(
            "carol", "inventory writes fail since 10:02; locations reads stale", "assessment"));
    wf.note(new IncidentNote("carol", "status page updated, #inc channel open", "communication"));
    wf.note(new IncidentNote("carol", "rolled back the 10:00 deploy", "recovery"));
    WorkflowUpdateException badKind =
        assertThrows(
            WorkflowUpdateException.class, () -> wf.note(new IncidentNote("carol", "x", "gossip")));
    assertTrue(
        Failures.rootMessage(badKind).startsWith("kind: 'gossip' is not valid"),
        Failures.rootMessage(badKind));
    env.sleep(Duration.ofMinutes(10));
    wf.verify(new Verification("carol", "smoke tests green", List.of("inventory")));
    assertEquals("verification", wf.status().phase());
    env.sleep(Duration.ofMinutes(40));
    wf.verify(new Verification("carol", "metrics normal", null));

    Instant next = Instant.parse("2026-12-01T02:00:00Z");
    wf.resolve(
        new Resolution(
            "carol",
            "all green for 15 minutes",
            false,
            "a bad deploy",
            FollowUpDrill.scheduled("dr-monthly-dr-drill", next)));
    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);

    assertEquals(IncidentOutcome.RESOLVED, result.outcome());
    assertEquals(
        List.of("verification"),
        result.escalated(),
        "Locations was verified at +52m, past Inventory's 30m");
    assertEquals("/reports/incident-review", result.review().directory());
    assertEquals(next, result.followUpDrill().nextRun());
    ServiceRecovery inventory = result.objectives().get(0);
    assertEquals(12, inventory.rto().achieved().toMinutes());
    assertEquals(Duration.ofMinutes(30), inventory.rto().objective());
    assertFalse(inventory.rto().breached());
    ServiceRecovery locations = result.objectives().get(1);
    assertEquals(52, locations.rto().achieved().toMinutes());
    assertFalse(locations.rto().breached(), "Locations' RTO is 1 hour");

    assertEquals(1, reports.written.size());
    RunReport report = reports.written.get(0);
    assertEquals("incident-review", report.workflowId());
    assertEquals(IncidentResponseWorkflowImpl.PROCEDURE, report.procedure());
    assertEquals("RESOLVED", report.outcome());
    List<String> steps = report.timeline().stream().map(ReportStep::step).toList();
    for (String expected :
        List.of(
            "acknowledged by carol",
            "assessment by carol",
            "communication by carol",
            "recovery by carol",
            "verified inventory by carol",
            "verified locations by carol",
            "resolved by carol",
            "escalation: verification deadline missed")) {
      assertTrue(steps.contains(expected), expected + " in " + steps);
    }
    assertEquals(detected, report.start());
    assertEquals(2, report.objectives().size());
    assertTrue(
        report.notes().stream().anyMatch(n -> n.equals("Root cause: a bad deploy")),
        report.notes().toString());
    assertTrue(
        report.notes().stream()
            .anyMatch(n -> n.startsWith("Follow-up DR drill: 2026-12-01T02:00:00Z")),
        report.notes().toString());
    assertEquals(detected, report.rtoLine().from());

    assertThrows(
        RuntimeException.class,
        () -> wf.note(new IncidentNote("carol", "late", null)),
        "nothing steers a resolved incident");
    Histories.record(client, "incident-review", "incident-reviewed");
  }

  @Test
  void anAcknowledgedIncidentWithAnEcsRecoveryIsVerifiedResolvedAndRecorded(
      WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-recovered",
            IncidentInput.of(
                "P2", List.of("inventory"), "tasks crash-loop after the 10:00 deploy"));
    env.sleep(Duration.ofMinutes(3));
    wf.acknowledge(new Acknowledgement("frank", "paged"));
    wf.changeSeverity(new SeverityChange("P1", "frank", "every region affected"));
    wf.note(new IncidentNote("frank", "status page updated", "communication"));
    env.sleep(Duration.ofMinutes(13));
    awaitEscalations(1);
    String child =
        wf.recover(
            RecoveryRequest.of("ecs", "inventory", "frank", "redeploy the stable task definition"));
    assertEquals("incident-recovered-ecs-inventory", child);
    awaitStatus(wf, s -> s.children().size() == 1 && !s.children().get(0).running());
    wf.verify(new Verification("frank", "smoke tests green", null));
    wf.resolve(new Resolution("frank", "stable for 15 minutes", false, "a bad deploy", null));
    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);

    assertEquals(IncidentOutcome.RESOLVED, result.outcome());
    assertEquals("RECOVERED", result.children().get(0).state());
    assertEquals("P1", result.severity());
    assertEquals(List.of("assessment"), result.escalated(), "P1 assessment was due at +15m");
    Histories.record(client, "incident-recovered", "incident-recovered");
  }

  @Test
  void eachUpdateReturnsTheStatusAndMovesTheDrPhaseSearchAttribute(
      WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf =
        open(
            client,
            worker,
            "incident-phases",
            IncidentInput.of("P1", List.of("inventory"), "checkout fails"));
    assertEquals("detection", drPhase(client, "incident-phases"));
    SearchAttributes tags = WorkflowStub.fromTyped(wf).describe().getTypedSearchAttributes();
    assertEquals(
        IncidentResponseWorkflowImpl.PROCEDURE,
        tags.get(dev.drrunbooks.model.SearchAttributes.PROCEDURE));
    assertEquals("inventory", tags.get(dev.drrunbooks.model.SearchAttributes.SERVICE));

    IncidentStatus acked = wf.acknowledge(new Acknowledgement("ann", "paged at 10:01"));
    assertEquals("ann", acked.acknowledgedBy());
    assertEquals("assessment", acked.phase());
    assertEquals("assessment", drPhase(client, "incident-phases"));
    assertEquals(
        "communication", wf.note(new IncidentNote("ann", "checkout only", "assessment")).phase());
    assertEquals(
        "recovery", wf.note(new IncidentNote("ann", "status page", "communication")).phase());
    IncidentStatus manual = wf.note(new IncidentNote("ann", "restarted the pods", "recovery"));
    assertEquals("verification", manual.phase());
    assertEquals("done", phase(manual, "recovery").state());
    assertEquals("verification", drPhase(client, "incident-phases"));
    assertEquals(
        "P2", wf.changeSeverity(new SeverityChange("P2", "ann", "only checkout")).severity());
    IncidentStatus verified = wf.verify(new Verification("ann", "smoke tests green", null));
    assertEquals(List.of("inventory"), verified.verified());
    assertEquals("ready-to-resolve", verified.phase());
    assertEquals("done", phase(verified, "verification").state());
    assertEquals("ready-to-resolve", drPhase(client, "incident-phases"));
    assertTrue(wf.resolve(Resolution.of("ann", "green")).resolved());

    IncidentResult result = WorkflowStub.fromTyped(wf).getResult(IncidentResult.class);
    assertEquals("resolved", drPhase(client, "incident-phases"));
    assertEquals(List.of(), result.escalated());
    TimelineEntry ack = step(result, "acknowledged by ann");
    assertEquals("paged at 10:01", ack.detail());
    assertEquals("RTO 30m, RPO 15m", step(result, "resolve inventory").detail());
    assertTrue(
        step(result, "incident opened: P1 checkout fails")
            .detail()
            .startsWith(
                "by alert; services inventory; " + "deadlines detection +5m, assessment +15m"),
        step(result, "incident opened: P1 checkout fails").detail());
    assertEquals("/reports/incident-phases", step(result, "write post-incident review").detail());
  }

  static String drPhase(WorkflowClient client, String id) {
    return client
        .newUntypedWorkflowStub(id)
        .describe()
        .getTypedSearchAttributes()
        .get(dev.drrunbooks.model.SearchAttributes.PHASE);
  }

  static TimelineEntry step(IncidentResult result, String name) {
    return result.timeline().stream()
        .filter(t -> t.step().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + result.timeline()));
  }

  @Test
  void aBadInputIsRefusedNamingTheField(WorkflowClient client, Worker worker) {
    IncidentResponseWorkflow wf = stub(client, worker, "incident-bad");
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> wf.run(IncidentInput.of("SEV1", List.of("inventory"), "x")));
    assertTrue(
        Failures.rootMessage(e).startsWith("severity: 'SEV1' is not valid; allowed: P1"),
        Failures.rootMessage(e));
    IncidentResponseWorkflow wf2 = stub(client, worker, "incident-bad-2");
    WorkflowFailedException unknown =
        assertThrows(
            WorkflowFailedException.class,
            () -> wf2.run(IncidentInput.of("P1", List.of("warehouse"), "x")));
    assertTrue(
        Failures.rootMessage(unknown).startsWith("services: 'warehouse' is not in the catalog"),
        Failures.rootMessage(unknown));
  }

  // ---- helpers
  // --------------------------------------------------------------------------------------------

  static IncidentResponseWorkflow open(
      WorkflowClient client, Worker worker, String id, IncidentInput input) {
    IncidentResponseWorkflow wf = stub(client, worker, id);
    WorkflowClient.start(wf::run, input);
    awaitStatus(wf, s -> !s.phase().equals("opening"));
    return wf;
  }

  private static IncidentResponseWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        IncidentResponseWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }

  static IncidentStatus awaitStatus(
      IncidentResponseWorkflow wf, Predicate<IncidentStatus> reached) {
    IncidentStatus last = null;
    for (int i = 0; i < 200; i++) {
      last = wf.status();
      if (reached.test(last)) return last;
      sleep(50);
    }
    throw new AssertionError("the incident never reached the expected state: " + last);
  }

  private void awaitEscalations(int n) {
    for (int i = 0; i < 200 && escalations.received.size() < n; i++) sleep(50);
    assertEquals(n, escalations.received.size(), "escalations received: " + escalations.phases());
  }

  static PhaseStatus phase(IncidentStatus status, String name) {
    return status.phases().stream().filter(p -> p.phase().equals(name)).findFirst().orElseThrow();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class FakeEscalations implements EscalationActivities {
    final List<Escalation> received = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String escalate(Escalation escalation) {
      received.add(escalation);
      return "delivered to the fake";
    }

    List<String> phases() {
      synchronized (received) {
        return received.stream().map(Escalation::phase).toList();
      }
    }
  }

  static final class FakeReports implements ReportActivities {
    final List<RunReport> written = Collections.synchronizedList(new ArrayList<>());

    @Override
    public ReportFiles write(RunReport report) {
      written.add(report);
      String dir = "/reports/" + report.workflowId();
      return new ReportFiles(dir, dir + "/report.md", dir + "/report.json", dir + "/report.html");
    }
  }
}
