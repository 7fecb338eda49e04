package dev.drrunbooks.evacuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.approval.GateDecision;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflowImpl;
import dev.drrunbooks.ecsrecovery.FakeEcs;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.failover.FakeRegions;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.runcleanup.ChildClosePolicies;
import dev.drrunbooks.testing.AnsweringAs;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegionEvacuationWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          RegionEvacuationWorkflowImpl.class,
          EcsServiceRecoveryWorkflowImpl.class,
          DnsFailoverWorkflowImpl.class);

  private final FakeEcs ecs = new FakeEcs();
  private final FakeRegions dns = new FakeRegions();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(ecs, dns, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void oneApprovalThenDrCapacityThenDnsForEachService(WorkflowClient client, Worker worker) {
    RegionEvacuationWorkflow wf =
        client.newWorkflowStub(
            RegionEvacuationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("evacuate-1")
                .build());
    WorkflowClient.start(wf::run, RegionEvacuationInput.of(List.of("inventory", "payments")));
    for (int i = 0; i < 200 && wf.status().waitingFor() == null; i++) sleep(50);
    assertEquals(List.of(), ecs.updates, "nothing moves before the approval");

    // Payments is Critical, and its catalog entry names its on-call SREs: two of them approve.
    String step = RegionEvacuationWorkflowImpl.GATE_STEP;
    assertEquals(
        GateDecision.Verdict.APPROVAL_COUNTED,
        AnsweringAs.stub(client, "operator:sre-alice", RegionEvacuationWorkflow.class, "evacuate-1")
            .approve(new Approval(step, "incident-commander", "eu-west-1 outage"))
            .verdict());
    assertEquals(List.of(), ecs.updates, "nothing moves on one of two approvals");
    AnsweringAs.stub(client, "slack:U0DEMO", RegionEvacuationWorkflow.class, "evacuate-1")
        .approve(new Approval(step, "sre-on-call", "agreed"));

    RegionEvacuationResult result =
        WorkflowStub.fromTyped(wf).getResult(RegionEvacuationResult.class);
    assertEquals(EvacuationOutcome.COMPLETE, result.outcome(), result.toString());
    assertEquals(2, result.services().size());
    assertTrue(
        ecs.updates.stream().allMatch(u -> u.startsWith("eu-central-1 mycomputer-dr/")),
        ecs.updates.toString());
    assertEquals(4, ecs.updates.size(), "deploy and scale for each service");
    assertTrue(
        dns.changes.containsAll(
            List.of("api.mycomputer.com 0/100", "payments.mycomputer.com 0/100")),
        dns.changes.toString());
    assertTrue(
        result.services().stream().allMatch(s -> s.dns().equals("SWITCHED")),
        result.services().toString());
    assertEquals(
        List.of(
            "evacuate-1-ecs-inventory REQUEST_CANCEL",
            "evacuate-1-ecs-payments REQUEST_CANCEL",
            "evacuate-1-dns-inventory REQUEST_CANCEL",
            "evacuate-1-dns-payments REQUEST_CANCEL"),
        ChildClosePolicies.of(client, "evacuate-1"));
    Histories.record(client, "evacuate-1", "region-evacuation-complete");
    Histories.record(client, "evacuate-1", "region-evacuation-two-approvers");
  }

  @Test
  void aServiceWhoseDrCapacityFailsKeepsItsTraffic(WorkflowClient client, Worker worker) {
    ecs.neverSteady.add(FakeEcs.arn("eu-central-1", "payments-service", 2));
    RegionEvacuationResult result =
        client
            .newWorkflowStub(
                RegionEvacuationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId("evacuate-2")
                    .build())
            .run(
                new RegionEvacuationInput(
                    List.of("inventory", "payments"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new BreakGlass(
                        "incident-commander", "INC-9: eu-west-1 down, approver unreachable")));

    assertEquals(EvacuationOutcome.PARTIAL, result.outcome());
    assertEquals(GateDecision.Verdict.BREAK_GLASS, result.approval().verdict());
    assertTrue(
        result
            .summary()
            .endsWith(
                "(break-glass by incident-commander: INC-9: eu-west-1 down, approver "
                    + "unreachable)"),
        result.summary());
    assertTrue(
        result.services().stream()
            .filter(s -> s.service().equals("inventory"))
            .findFirst()
            .orElseThrow()
            .dnsDetail()
            .startsWith("Switched"),
        result.services().toString());
    ServiceEvacuation payments =
        result.services().stream()
            .filter(s -> s.service().equals("payments"))
            .findFirst()
            .orElseThrow();
    assertEquals("FAILED", payments.ecs());
    assertEquals("not moved", payments.dns());
    assertTrue(!dns.changes.contains("payments.mycomputer.com 0/100"), dns.changes.toString());
    assertTrue(dns.changes.contains("api.mycomputer.com 0/100"), dns.changes.toString());
  }

  /**
   * Issue 10, finding 10: the evacuation's gate is at least as strict as the services' catalog
   * policies.
   */
  @Test
  void skippingOrWeakeningTheGateTheCatalogRequiresIsRefused(WorkflowClient client, Worker worker) {
    WorkflowFailedException skip =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                client
                    .newWorkflowStub(
                        RegionEvacuationWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setTaskQueue(worker.getTaskQueue())
                            .setWorkflowId("evacuate-skip")
                            .build())
                    .run(
                        new RegionEvacuationInput(
                            List.of("inventory"), false, null, null, null, null, null, null)));
    assertEquals("InvalidInput", Failures.rootType(skip));
    assertTrue(
        Failures.rootMessage(skip)
            .startsWith(
                "requireApproval: 'false' is not valid; the catalog's policy for "
                    + "the services evacuated (inventory) is requireApproval: true"),
        Failures.rootMessage(skip));
    WorkflowFailedException proceed =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                client
                    .newWorkflowStub(
                        RegionEvacuationWorkflow.class,
                        WorkflowOptions.newBuilder()
                            .setTaskQueue(worker.getTaskQueue())
                            .setWorkflowId("evacuate-proceed")
                            .build())
                    .run(
                        new RegionEvacuationInput(
                            List.of("inventory", "customer-base"),
                            null,
                            null,
                            "proceed",
                            null,
                            null,
                            null,
                            null)));
    assertTrue(
        Failures.rootMessage(proceed).startsWith("onApprovalTimeout: 'proceed' is not valid"),
        Failures.rootMessage(proceed));
    assertEquals(List.of(), ecs.updates);
    assertEquals(List.of(), dns.changes);
  }

  @Test
  void noAnswerAbortsAndNothingMoves(WorkflowClient client, Worker worker) {
    RegionEvacuationResult result =
        client
            .newWorkflowStub(
                RegionEvacuationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(worker.getTaskQueue())
                    .setWorkflowId("evacuate-3")
                    .build())
            .run(RegionEvacuationInput.of(null));
    assertEquals(EvacuationOutcome.ABORTED, result.outcome());
    assertEquals(List.of(), ecs.updates);
    assertEquals(List.of(), dns.changes);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
