package dev.drrunbooks.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.Failures;
import dev.drrunbooks.testing.AnsweringAs;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gate under the catalog's approval policy, answered through the Temporal test server with the
 * approver header as the CLI and the gateway send it: two distinct identities pass a two-approver
 * gate, the same one twice does not, an identity the policy does not name is refused with {@link
 * ApprovalGate#NOT_ALLOWED}, an answer without a header (the Temporal UI) is refused, and one
 * allowed abort closes the gate.
 */
class TwoApproverGateTest {
  private static final String STEP = "switch-traffic";
  private static final GateApprovers SRE_PAIR =
      new GateApprovers(List.of("operator:alice", "slack:U0BOB", "operator:carol"), 2);

  @RegisterExtension
  static final TestWorkflowExtension temporal = TimeSkipping.extension(GateProbeWorkflowImpl.class);

  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void start(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.worker = worker;
    env.start();
  }

  private GateProbeWorkflow started(String id, GateApprovers rule) {
    GateProbeWorkflow wf =
        env.getWorkflowClient()
            .newWorkflowStub(
                GateProbeWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId(id)
                    .build());
    WorkflowClient.start(wf::run, STEP, rule);
    for (int i = 0; i < 100 && wf.waiting() == null; i++) sleep();
    return wf;
  }

  /** The run's stub through a client answering as {@code identity}, as dr approve does. */
  private GateProbeWorkflow as(String identity, String id) {
    return AnsweringAs.stub(env.getWorkflowClient(), identity, GateProbeWorkflow.class, id);
  }

  @Test
  void aTwoApproverGateProceedsOnlyAfterTwoDistinctIdentities() {
    String id = "two-approvers";
    GateProbeWorkflow wf = started(id, SRE_PAIR);
    assertEquals(
        "2 distinct approvers from operator:alice, slack:U0BOB, operator:carol",
        wf.waiting().needs());

    GateDecision first = as("operator:alice", id).approve(new Approval(STEP, "alice", "P1 INC-9"));
    assertEquals(GateDecision.Verdict.APPROVAL_COUNTED, first.verdict());
    assertEquals("1 of 2 approvals; the gate waits for 1 more", first.why());
    assertEquals(List.of("operator:alice via dr approve (update)"), wf.waiting().approvals());

    WorkflowUpdateException again =
        assertThrows(
            WorkflowUpdateException.class,
            () -> as("operator:alice", id).approve(new Approval(STEP, "alice", "again")));
    assertEquals(
        ApprovalGate.ALREADY_APPROVED
            + "operator:alice has already approved 'switch-traffic'; it needs 1 more from another"
            + " approver",
        Failures.rootMessage(again));
    // A different typed name changes nothing: the identity is the header's.
    assertThrows(
        WorkflowUpdateException.class,
        () -> as("operator:alice", id).approve(new Approval(STEP, "bob", "pretending")));
    assertEquals(STEP, wf.waiting().step(), "one identity never passes a two-approver gate");

    GateDecision second = as("slack:U0BOB", id).approve(new Approval(STEP, "bob", "agreed"));
    assertEquals(GateDecision.Verdict.APPROVED, second.verdict());
    GateDecision result = WorkflowStub.fromTyped(wf).getResult(GateDecision.class);
    assertEquals(GateDecision.Verdict.APPROVED, result.verdict());
    assertEquals("operator:alice, slack:U0BOB", result.who(), "identities, never typed names");
    assertEquals(
        List.of("operator:alice", "slack:U0BOB"),
        result.answers().stream().map(GateAnswer::identity).toList());
    assertEquals(
        "operator:alice via dr approve (update): P1 INC-9; slack:U0BOB (named 'bob') via dr"
            + " approve (update): agreed",
        result.why());
  }

  @Test
  void anIdentityThePolicyDoesNotNameIsRefusedAndTheGateStillWaits() {
    String id = "not-allowed";
    GateProbeWorkflow wf = started(id, SRE_PAIR);
    WorkflowUpdateException refused =
        assertThrows(
            WorkflowUpdateException.class,
            () -> as("slack:U0MALLORY", id).approve(new Approval(STEP, "mallory", "trust me")));
    assertEquals(
        ApprovalGate.NOT_ALLOWED
            + "slack:U0MALLORY may not answer this gate; allowed: operator:alice, slack:U0BOB,"
            + " operator:carol (the catalog's approval policy)",
        Failures.rootMessage(refused));
    assertThrows(
        WorkflowUpdateException.class,
        () -> as("slack:U0MALLORY", id).abort(new Approval(STEP, "mallory", "stop it")));
    assertEquals(List.of(), wf.waiting().approvals());
  }

  @Test
  void anAnswerWithoutAVerifiedIdentityIsRefusedWhereThePolicyNeedsOne() {
    String id = "unverified";
    GateProbeWorkflow wf = started(id, new GateApprovers(null, 2));
    WorkflowUpdateException refused =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.approve(new Approval(STEP, "alice", "from the Temporal UI")));
    assertTrue(
        Failures.rootMessage(refused).startsWith(ApprovalGate.NOT_ALLOWED + "this gate needs 2"),
        Failures.rootMessage(refused));
    assertTrue(
        Failures.rootMessage(refused).contains("carries no verified identity"),
        Failures.rootMessage(refused));
    // The same answer as a signal is recorded as ignored, with the reason.
    WorkflowStub.fromTyped(wf).signal("approveSignal", new Approval(STEP, "alice", "raw"));
    assertEquals(
        GateDecision.Verdict.APPROVAL_COUNTED,
        as("operator:alice", id).approve(new Approval(STEP, "alice", "ok")).verdict());
    assertEquals(1, wf.waiting().approvals().size(), "the unverified signal did not count");
  }

  @Test
  void oneAllowedAbortClosesATwoApproverGate() {
    String id = "abort";
    GateProbeWorkflow wf = started(id, SRE_PAIR);
    as("operator:alice", id).approve(new Approval(STEP, "alice", "go"));
    GateDecision aborted =
        as("operator:carol", id).abort(new Approval(STEP, "carol", "wrong region"));
    assertEquals(GateDecision.Verdict.ABORTED, aborted.verdict());
    assertEquals("wrong region (operator:carol via dr approve, update)", aborted.why());
    assertEquals("operator:carol", aborted.answers().get(0).identity());
    GateDecision result = WorkflowStub.fromTyped(wf).getResult(GateDecision.class);
    assertEquals(GateDecision.Verdict.ABORTED, result.verdict());
  }

  @Test
  void aGateWithoutAPolicyTakesAnyoneOnceAsBefore() {
    String id = "anyone";
    GateProbeWorkflow wf = started(id, GateApprovers.ANYONE);
    assertEquals("1 approver (anyone)", wf.waiting().needs());
    GateDecision d = wf.approve(new Approval(STEP, "pagerbot", "P1"));
    assertEquals(GateDecision.Verdict.APPROVED, d.verdict());
    assertEquals("P1 (update)", d.why());
    assertNull(d.answers().get(0).identity());
  }

  @Test
  void aPartlyApprovedGateTimesOutToItsDefaultSayingHowFarItGot() {
    String id = "partial";
    GateProbeWorkflow wf = started(id, SRE_PAIR);
    as("operator:alice", id).approve(new Approval(STEP, "alice", "go"));
    env.sleep(Duration.ofMinutes(11));
    GateDecision result = WorkflowStub.fromTyped(wf).getResult(GateDecision.class);
    assertEquals(GateDecision.Verdict.TIMED_OUT_ABORTED, result.verdict());
    assertEquals("no answer within 10m (1 of 2 approvals); the default is to abort", result.why());
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
