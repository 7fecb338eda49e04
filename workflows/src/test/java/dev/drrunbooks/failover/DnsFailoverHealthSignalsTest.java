package dev.drrunbooks.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, finding 5: the Route53 health check by Route 53's rule (healthy when more than 18% of
 * its 16 checkers report healthy), and a run whose health signals disagree names the disagreement
 * and leaves the decision to a person.
 */
class DnsFailoverHealthSignalsTest {
  private static final String DISAGREE =
      "signals disagree: HTTP probes say unhealthy; Route53 health check, "
          + "CloudWatch alarm say healthy";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(DnsFailoverWorkflowImpl.class);

  private final FakeRegions aws = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(aws, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  private static HealthCheckState checkers(int healthy) {
    return new HealthCheckState("hc-api", healthy, 16, healthy + "/16 checkers report Success");
  }

  @Test
  void fiveOfSixteenCheckersHealthyIsHealthy(WorkflowClient client, Worker worker) {
    aws.healthCheck = checkers(5);

    DnsFailoverResult result =
        stub(client, worker, "dns-5-of-16").run(DnsFailoverInput.of("inventory", null));

    assertEquals(FailoverOutcome.NOT_NEEDED, result.outcome());
    assertTrue(
        result
            .assessment()
            .contains(
                "Route53 health check hc-api: 5/16 checkers healthy: healthy "
                    + "(Route 53 needs more than 18%)"),
        result.assessment().toString());
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void twoOfSixteenCheckersHealthyIsUnhealthy(WorkflowClient client, Worker worker) {
    aws.primaryDown(); // and its alarm fires
    aws.healthCheck = checkers(2);
    DnsFailoverWorkflow wf =
        start(client, worker, "dns-2-of-16", DnsFailoverInput.of("inventory", null));
    FailoverStatus status = awaitGate(wf);

    assertEquals(
        "waiting for approval of api.mycomputer.com failover",
        status.detail(),
        "all agree: nothing to name");
    wf.approve(new Approval(DnsFailoverWorkflowImpl.GATE_STEP, "alice", "primary is down"));
    DnsFailoverResult result = WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertTrue(
        result
            .assessment()
            .contains(
                "Route53 health check hc-api: 2/16 checkers healthy: unhealthy "
                    + "(Route 53 needs more than 18%)"),
        result.assessment().toString());
    assertTrue(result.assessment().stream().noneMatch(a -> a.startsWith("signals disagree")));
  }

  @Test
  void probesDownButHealthCheckHealthyIsNamedAndAsksAPersonWhereThePolicyWouldProceed(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.alarmState = "OK"; // probes fail; the health check (5/16) and the alarm say healthy
    aws.healthCheck = checkers(5);
    // customer-base's policy: approval with proceed on timeout
    DnsFailoverWorkflow wf =
        start(client, worker, "dns-disagree", DnsFailoverInput.of("customer-base", null));

    FailoverStatus status = awaitGate(wf);
    assertEquals(
        "waiting for approval of customers.mycomputer.com failover: " + DISAGREE, status.detail());
    assertEquals(
        "abort",
        status.waitingFor().onTimeout(),
        "while signals disagree no answer must not fail over");

    DnsFailoverResult result = WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.ABORTED, result.outcome());
    assertEquals(GateDecision.Verdict.TIMED_OUT_ABORTED, result.approval().verdict());
    assertTrue(result.assessment().contains(DISAGREE), result.assessment().toString());
    assertTrue(result.summary().endsWith("(" + DISAGREE + ")"), result.summary());
    assertTrue(
        result.timeline().stream()
            .anyMatch(
                t ->
                    t.step().equals("assessment of Primary (eu-west-1)")
                        && t.detail().equals(DISAGREE + "; a gate nobody answers aborts")),
        result.timeline().toString());
    assertEquals(List.of(), aws.changes);
  }

  @Test
  void whereThePolicyAllowsAutomaticFailoverDisagreeingSignalsAreRecordedNotHidden(
      WorkflowClient client, Worker worker) {
    aws.primaryDown();
    aws.alarmState = "OK";
    aws.healthCheck = checkers(16);
    // locations' policy: no approval, automatic failover
    DnsFailoverWorkflow wf =
        start(client, worker, "dns-disagree-no-gate", DnsFailoverInput.of("locations", null));

    DnsFailoverResult result = WorkflowStub.fromTyped(wf).getResult(DnsFailoverResult.class);
    assertEquals(FailoverOutcome.SWITCHED, result.outcome());
    assertEquals(
        "the service's policy allows automatic failover; " + DISAGREE, result.approval().why());
    assertTrue(result.summary().endsWith("(" + DISAGREE + ")"), result.summary());
    assertTrue(result.assessment().contains(DISAGREE), result.assessment().toString());
    assertTrue(
        result.timeline().stream()
            .anyMatch(
                t ->
                    t.detail()
                        .equals(DISAGREE + "; the service's policy allows automatic failover")),
        result.timeline().toString());
    assertFalse(aws.changes.isEmpty());
  }

  private static FailoverStatus awaitGate(DnsFailoverWorkflow wf) {
    for (int i = 0; i < 200; i++) {
      FailoverStatus status = wf.status();
      if (status.waitingFor() != null) return status;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
}
