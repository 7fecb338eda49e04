package dev.drrunbooks.failover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.replay.ScheduledActivities;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DnsFailoverWorkflowTest {
  private static final String API = "api.mycomputer.com";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(DnsFailoverWorkflowImpl.class);

  private final FakeRegions aws = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void approvedByUpdateShiftsInTheCatalogsStagesAndVerifies(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf =
        start(client, worker, "dns-failover-api-1", DnsFailoverInput.of("inventory", null));
    awaitGate(wf);

    GateDecision decision =
        wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary returns 503"));

    assertEquals(GateDecision.Verdict.APPROVED, decision.verdict());
    DnsFailoverResult result = WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals(
        List.of(API + " 90/10", API + " 50/50", API + " 0/100"),
        aws.changes,
        "staged shift 10, 50, 100");
    assertEquals(
        List.of(API + " C1", API + " C2", API + " C3"),
        aws.verified,
        "each change read back once INSYNC");
    assertEquals(0L, result.weightsAfter().primaryWeight());
    assertEquals(100L, result.weightsAfter().secondaryWeight());
    assertEquals(100L, result.weightsBefore().primaryWeight());
    assertEquals("alice", result.approval().who());
    assertTrue(
        result.assessment().stream().anyMatch(a -> a.contains("UNHEALTHY")),
        result.assessment().toString());
    assertTrue(result.rto() != null && result.rto().objective().toMinutes() == 30);
    Histories.record(client, "dns-failover-api-1", "dns-failover-approved");
    // the INSYNC waits polled one attempt at a time (Polls.DNS_CHANGE_ID version 1)
    Histories.record(client, "dns-failover-api-1", "dns-failover-polled");
    assertEquals(
        List.of("Route53PollInSync", "Route53PollInSync", "Route53PollInSync"),
        ScheduledActivities.of(client, "dns-failover-api-1").stream()
            .filter(t -> t.contains("InSync"))
            .toList());
  }

  @Test
  void approvedBySignalFromABot(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf =
        start(client, worker, "dns-failover-api-2", DnsFailoverInput.of("inventory", null));
    awaitGate(wf);

    wf.approveSignal(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "pagerduty-bot", "P1 INC-42"));

    DnsFailoverResult result = WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals("pagerduty-bot", result.approval().who());
  }

  @Test
  void theValidatorRejectsAWrongStepOrAMissingNameBeforeAnythingHappens(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf =
        start(client, worker, "dns-failover-api-3", DnsFailoverInput.of("inventory", null));
    awaitGate(wf);

    WorkflowUpdateException wrongStep =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.approve(new Approval("restore-db", "alice", "go")));
    assertTrue(
        Failures.rootMessage(wrongStep)
            .contains(
                "step: 'restore-db' is not the step waiting; the run waits at "
                    + "'switch-traffic'"),
        Failures.rootMessage(wrongStep));
    WorkflowUpdateException noName =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, " ", "go")));
    assertTrue(
        Failures.rootMessage(noName).contains("who: say who approves or aborts"),
        Failures.rootMessage(noName));
    wf.approveSignal(new Approval("restore-db", "bot", "wrong step by signal"));
    assertEquals(List.of(), aws.changes, "nothing switched yet");

    wf.abort(
        new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "bob", "false alarm, monitoring glitch"));
    DnsFailoverResult result = WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.ABORTED, result.outcome());
    assertTrue(result.timeline().stream().anyMatch(t -> t.step().equals("ignored signal approve")));
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void malformedAnswersAreRejectedByTheValidatorOrRecordedAsIgnoredWithWhy(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow wf =
        start(
            client, worker, "dns-failover-api-bad-answers", DnsFailoverInput.of("inventory", null));
    awaitGate(wf);
    WorkflowStub raw = WorkflowStub.fromTyped(wf);
    String step = DnsFailoverWorkflowImpl.GATE_STEP;

    raw.signal("approveSignal");
    raw.signal("approveSignal", Map.of());
    raw.signal("approveSignal", Map.of("step", 5, "who", "bot", "why", "page"));
    raw.signal("approveSignal", Map.of("step", step, "who", "bot", "why", "page", "bogus", 1));
    raw.signal("approveSignal", List.of(1, 2));
    List<String> ignored = List.of();
    for (int i = 0; i < 200 && ignored.size() < 5; i++) {
      ignored = wf.status().ignoredAnswers();
      sleep(50);
    }
    assertEquals(5, ignored.size(), ignored.toString());
    assertTrue(
        ignored
            .get(0)
            .contains(
                "approval: no payload; send a JSON object such as {\"step\": \"" + step + "\""),
        ignored.get(0));
    assertTrue(ignored.get(1).contains("step: 'null' is not the step waiting"), ignored.get(1));
    assertTrue(ignored.get(2).contains("step: 5 is not valid; allowed: a string"), ignored.get(2));
    assertTrue(
        ignored.get(3).contains("bogus: unknown field (value 1); allowed fields: step, who, why"),
        ignored.get(3));
    assertTrue(
        ignored.get(4).contains("approval: [1,2] is not valid; allowed: a JSON object"),
        ignored.get(4));

    WorkflowUpdateException empty =
        assertThrows(
            WorkflowUpdateException.class,
            () -> raw.update("approve", GateDecision.class, (Object) null));
    assertTrue(
        Failures.rootMessage(empty).startsWith("approval: no payload"),
        Failures.rootMessage(empty));
    WorkflowUpdateException unknown =
        assertThrows(
            WorkflowUpdateException.class,
            () ->
                raw.update(
                    "abort",
                    GateDecision.class,
                    Map.of("step", step, "who", "a", "why", "b", "bogus", 1)));
    assertTrue(
        Failures.rootMessage(unknown).startsWith("bogus: unknown field"),
        Failures.rootMessage(unknown));
    assertEquals(List.of(), aws.changes, "nothing moved on a malformed answer");

    wf.abort(new Approval(step, "bob", "done testing"));
    DnsFailoverResult result = raw.getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.ABORTED, result.outcome());
    assertEquals(
        5,
        result.timeline().stream().filter(t -> t.step().equals("ignored signal approve")).count());
  }

  @Test
  void aGateNobodyAnswersAbortsWhereThePolicySaysAbort(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverResult result =
        stub(client, worker, "dns-failover-api-4").run(DnsFailoverInput.of("inventory", null));
    assertEquals(FailoverOutcome.ABORTED, result.outcome());
    assertEquals(GateDecision.Verdict.TIMED_OUT_ABORTED, result.approval().verdict());
    assertTrue(
        result.approval().why().startsWith("no answer within 15m; the default is to abort"),
        result.approval().why());
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void aGateNobodyAnswersProceedsWhereThePolicyAllowsIt(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverResult result =
        stub(client, worker, "dns-failover-customers")
            .run(DnsFailoverInput.of("customer-base", null));
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals(GateDecision.Verdict.TIMED_OUT_PROCEEDED, result.approval().verdict());
    assertEquals(List.of("customers.mycomputer.com 0/100"), aws.changes);
  }

  /**
   * Issue 10, finding 10, the reported input: `dr failback --approval-timeout 15s
   * --on-approval-timeout proceed`.
   */
  @Test
  void aFailbackThatWouldProceedOnTimeoutWhereTheCatalogAbortsIsRefusedBeforeAnyStep(
      WorkflowClient client, Worker worker) {
    aws.weights.put(API, new long[] {0, 100});
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-weaker")
                    .run(
                        new DnsFailoverInput(
                            "inventory",
                            Direction.FAILBACK,
                            null,
                            null,
                            null,
                            "15s",
                            "proceed",
                            null,
                            null,
                            null,
                            null,
                            null)));
    assertEquals("InvalidInput", Failures.rootType(e));
    assertEquals(
        "onApprovalTimeout: 'proceed' is not valid; the catalog's policy for service inventory is"
            + " requireApproval: true, approvalTimeout: 15m, onApprovalTimeout: abort; a run may"
            + " strengthen it, not weaken it (in an emergency: breakGlass with who and reason)",
        Failures.rootMessage(e));
    assertEquals(List.of(), aws.changes);
    assertTrue(
        client.fetchHistory("dns-weaker").getEvents().stream()
            .noneMatch(
                ev ->
                    ev.hasActivityTaskScheduledEventAttributes()
                        && !ev.getActivityTaskScheduledEventAttributes()
                            .getActivityType()
                            .getName()
                            .endsWith("ResolveServices")),
        "nothing but the catalog read before the refusal");
  }

  /**
   * Issue 10, finding 10: `--no-approval` (requireApproval false) where the catalog requires
   * approval.
   */
  @Test
  void skippingAGateTheCatalogRequiresIsRefused(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-no-gate")
                    .run(
                        new DnsFailoverInput(
                            "inventory",
                            null,
                            true,
                            null,
                            false,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));
    assertEquals("InvalidInput", Failures.rootType(e));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "requireApproval: 'false' is not valid; the catalog's policy for "
                    + "service inventory is requireApproval: true"),
        Failures.rootMessage(e));
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void aShorterTimeoutOnAGateThatProceedsIsAWeakeningToo(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-sooner")
                    .run(
                        new DnsFailoverInput(
                            "customer-base",
                            null,
                            null,
                            null,
                            null,
                            "1m",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "approvalTimeout: '1m' is not valid; shorter than the catalog's 10m "
                    + "on a gate that proceeds on timeout"),
        Failures.rootMessage(e));
  }

  @Test
  void breakGlassIsRecordedAsSuchInTheResultAndTimeline(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverResult result =
        stub(client, worker, "dns-break-glass")
            .run(
                new DnsFailoverInput(
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
                    new BreakGlass("alice", "INC-42: approvers unreachable"),
                    null));
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals(GateDecision.Verdict.BREAK_GLASS, result.approval().verdict());
    assertEquals("alice", result.approval().who());
    assertEquals("INC-42: approvers unreachable", result.approval().why());
    assertTrue(
        result.timeline().stream()
            .anyMatch(
                t ->
                    t.step().equals("approval: " + DnsFailoverWorkflowImpl.GATE_STEP)
                        && t.detail()
                            .equals(
                                "BREAK_GLASS by alice: INC-42: approvers unreachable; overrides the"
                                    + " catalog's policy (requireApproval: true, approvalTimeout:"
                                    + " 15m, onApprovalTimeout: abort)")),
        result.timeline().toString());
    assertTrue(
        result.summary().endsWith("(break-glass by alice: INC-42: approvers unreachable)"),
        result.summary());
    assertTrue(
        result.timeline().stream()
            .noneMatch(t -> String.valueOf(t.detail()).contains("allows automatic")));
  }

  @Test
  void breakGlassNeedsAPersonAndAReason(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-bg-bad")
                    .run(
                        new DnsFailoverInput(
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
                            new BreakGlass("alice", " "),
                            null)));
    assertEquals(
        "breakGlass.reason: ' ' is not valid; give the reason for the emergency override",
        Failures.rootMessage(e));
  }

  @Test
  void aParentsApprovalIsRefusedFromARunWithoutAParent(WorkflowClient client, Worker worker) {
    GateDecision forged =
        new GateDecision(
            "evacuate",
            GateDecision.Verdict.APPROVED,
            "mallory",
            "trust me",
            java.time.Instant.parse("2024-01-15T03:30:00Z"));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-forged")
                    .run(
                        new DnsFailoverInput(
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
                            null,
                            forged)));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith("parentApproval: 'APPROVED' is not valid; only a parent run"),
        Failures.rootMessage(e));
  }

  @Test
  void aRunMayStrengthenThePolicy(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverResult result =
        stub(client, worker, "dns-stronger")
            .run(
                new DnsFailoverInput(
                    "customer-base",
                    null,
                    null,
                    null,
                    null,
                    "30m",
                    "abort",
                    null,
                    null,
                    null,
                    null,
                    null));
    assertEquals(
        FailoverOutcome.ABORTED,
        result.outcome(),
        "the catalog proceeds after 10m; this run aborts after 30m");
    assertEquals(GateDecision.Verdict.TIMED_OUT_ABORTED, result.approval().verdict());
    assertTrue(result.approval().why().startsWith("no answer within 30m"), result.approval().why());
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void aSecondFailoverOfTheSameRecordIsRefusedWhileOneRuns(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    DnsFailoverWorkflow first =
        start(client, worker, "dns-failover-" + API, DnsFailoverInput.of("inventory", null));
    awaitGate(first);

    DnsFailoverWorkflow second = stub(client, worker, "dns-failover-" + API);
    WorkflowExecutionAlreadyStarted e =
        assertThrows(
            WorkflowExecutionAlreadyStarted.class,
            () ->
                WorkflowClient.start(
                    second::run, DnsFailoverInput.of("inventory", Direction.FAILBACK)));
    assertEquals("dns-failover-" + API, e.getExecution().getWorkflowId());
    first.abort(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "test done"));
  }

  @Test
  void aHealthyPrimaryMeansNoFailoverUnlessForced(WorkflowClient client, Worker worker) {
    DnsFailoverResult result =
        stub(client, worker, "dns-healthy").run(DnsFailoverInput.of("inventory", null));
    assertEquals(FailoverOutcome.NOT_NEEDED, result.outcome());
    assertEquals(List.of(), aws.changes);
    assertTrue(
        result.summary().startsWith("No failover needed: Primary (eu-west-1) is healthy"),
        result.summary());

    DnsFailoverResult forced =
        stub(client, worker, "dns-forced")
            .run(
                new DnsFailoverInput(
                    "locations", null, true, null, null, null, null, null, null, null, null, null));
    assertEquals(FailoverOutcome.SWITCHED, forced.outcome());
  }

  @Test
  void anUnhealthySecondaryIsRefusedWithTheEvidence(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.healthy.put(FakeRegions.secondaryUrl(), false);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-bad-target").run(DnsFailoverInput.of("locations", null)));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals("TargetUnhealthy", cause.getType());
    assertEquals(
        "refusing to send traffic to Secondary (eu-central-1): "
            + FakeRegions.secondaryUrl()
            + ": UNHEALTHY (0/3 ok, median 30 ms); run with force to override",
        cause.getOriginalMessage());
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void aFailedVerificationPutsTheRecordedWeightsBack(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.healthy.put("https://locations.mycomputer.com/health", false);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-verify-fails")
                    .run(DnsFailoverInput.of("locations", null)));
    assertTrue(
        Failures.rootMessage(e)
            .startsWith(
                "verification failed: https://locations.mycomputer.com/health: " + "UNHEALTHY"),
        Failures.rootMessage(e));
    assertTrue(
        Failures.rootMessage(e)
            .endsWith(
                "(cleanup: dns:locations.mycomputer.com weights restored to "
                    + "Primary 100 / Secondary 0)"),
        Failures.rootMessage(e));
    assertEquals(
        List.of("locations.mycomputer.com 0/100", "locations.mycomputer.com 100/0"), aws.changes);
    assertArrayEquals(new long[] {100, 0}, aws.weights.get("locations.mycomputer.com"));
    Histories.record(client, "dns-verify-fails", "dns-failover-rolled-back");
  }

  @Test
  void aRecordSetChangedBySomeoneElseFailsTheRunNamingTheFieldAndPutsTheWeightsBack(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.changedBySomeoneElse = "set 'Primary' HealthCheckId: 'hc-primary' -> (none)";
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-field-changed")
                    .run(DnsFailoverInput.of("locations", null)));
    assertTrue(
        Failures.rootMessage(e)
            .contains(
                "after change C1 are not as intended: set 'Primary' HealthCheckId: "
                    + "'hc-primary' -> (none)"),
        Failures.rootMessage(e));
    assertTrue(
        Failures.rootMessage(e)
            .endsWith(
                "(cleanup: dns:locations.mycomputer.com weights restored to "
                    + "Primary 100 / Secondary 0)"),
        Failures.rootMessage(e));
    assertEquals(
        List.of("locations.mycomputer.com 0/100", "locations.mycomputer.com 100/0"), aws.changes);
    assertEquals(
        List.of("locations.mycomputer.com C1", "locations.mycomputer.com C2"), aws.verified);
    Histories.record(client, "dns-field-changed", "dns-failover-record-set-changed");
  }

  @Test
  void aTargetThatFailsBetweenStagesIsRolledBack(WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.failAfter.put(FakeRegions.secondaryUrl(), 3);
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-stage")
                    .run(
                        new DnsFailoverInput(
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
                            new BreakGlass("alice", "INC-7: stage rollback under test"),
                            null)));
    assertTrue(
        Failures.rootMessage(e).startsWith("at 10% Secondary became unhealthy"),
        Failures.rootMessage(e));
    assertEquals(List.of(API + " 90/10", API + " 100/0"), aws.changes);
  }

  @Test
  void failbackMovesTrafficHome(WorkflowClient client, Worker worker) {
    aws.weights.put("locations.mycomputer.com", new long[] {0, 100});
    DnsFailoverResult result =
        stub(client, worker, "dns-failback")
            .run(DnsFailoverInput.of("locations", Direction.FAILBACK));
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals(List.of("locations.mycomputer.com 100/0"), aws.changes);

    DnsFailoverResult again =
        stub(client, worker, "dns-failback-2")
            .run(DnsFailoverInput.of("locations", Direction.FAILBACK));
    assertEquals(FailoverOutcome.ALREADY_DONE, again.outcome());
  }

  @Test
  void badStagesAreRefused(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "dns-bad")
                    .run(
                        new DnsFailoverInput(
                            "inventory",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of(50, 20),
                            null,
                            null,
                            null,
                            null)));
    assertEquals(
        "stages: '[50, 20]' is not valid; rising percentages of traffic to the target, each above"
            + " the last, at most 100, ending at 100, e.g. [10, 50, 100]",
        Failures.rootMessage(e));
  }

  private static void awaitGate(DnsFailoverWorkflow wf) {
    for (int i = 0; i < 200; i++) {
      FailoverStatus status = wf.status();
      if (status.waitingFor() != null) return;
      sleep(50);
    }
    throw new AssertionError("the run never reached the approval gate: " + wf.status());
  }

  private static DnsFailoverWorkflow start(
      WorkflowClient client, Worker worker, String id, DnsFailoverInput input) {
    DnsFailoverWorkflow wf = stub(client, worker, id);
    WorkflowClient.start(wf::run, input);
    return wf;
  }

  private static DnsFailoverWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        DnsFailoverWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
