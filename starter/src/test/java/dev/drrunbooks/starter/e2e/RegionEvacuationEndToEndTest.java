package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.evacuation.EvacuationOutcome;
import dev.drrunbooks.evacuation.EvacuationStatus;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.evacuation.RegionEvacuationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * RegionEvacuation on the sandbox's Temporal server: started and approved through the starter, DR
 * capacity scaled up in the emulator's ECS, then Inventory's record failed over in its Route53.
 * Runs alongside other test classes (the run mostly waits for ECS and between probes).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SandboxLocks.INVENTORY_TRAFFIC_AND_DR_CAPACITY)
class RegionEvacuationEndToEndTest {

  @Test
  void evacuationApprovedThroughTheStarterMovesCapacityThenTraffic() throws Exception {
    try (RegionsStandIn regions = new RegionsStandIn();
        SandboxWorker worker = new SandboxWorker(regions.endpointMap())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(worker.env.require("TEMPORAL_ADDRESS"))
                  .build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(worker.env.get("TEMPORAL_NAMESPACE", "default"))
                  .build());
      try {
        CliRun started =
            CliRun.of(worker.connectionArgs(), "evacuate", "--service", "inventory", "--no-wait");
        assertEquals(0, started.exitCode(), started.toString());
        Matcher m = Pattern.compile("workflow (\\S+) run (\\S+)").matcher(started.out());
        assertTrue(m.find(), started.toString());
        String workflowId = m.group(1);
        RegionEvacuationWorkflow wf =
            client.newWorkflowStub(
                RegionEvacuationWorkflow.class, workflowId, Optional.of(m.group(2)));
        EvacuationStatus status = wf.status();
        for (int i = 0; i < 120 && status.waitingFor() == null; i++) {
          Thread.sleep(250);
          status = wf.status();
        }
        assertEquals("evacuate", status.waitingFor().step(), status.toString());

        CliRun wrong =
            CliRun.of(
                worker.connectionArgs(),
                "approve",
                workflowId,
                "--step",
                "switch-traffic",
                "--who",
                "alice",
                "--why",
                "eu-west-1 is down");
        assertEquals(3, wrong.exitCode(), "refused by the run's validator: " + wrong);
        assertTrue(
            wrong.err().contains("is not the step waiting; the run waits at 'evacuate'"),
            wrong.toString());

        CliRun approved =
            CliRun.of(
                worker.connectionArgs(),
                "approve",
                workflowId,
                "--step",
                "evacuate",
                "--who",
                "alice",
                "--why",
                "eu-west-1 is down");
        assertEquals(0, approved.exitCode(), approved.toString());
        assertTrue(
            approved.out().contains("APPROVED at step evacuate by operator:"),
            "by the operator's identity, not the typed name: " + approved);

        RegionEvacuationResult result =
            WorkflowStub.fromTyped(wf).getResult(3, TimeUnit.MINUTES, RegionEvacuationResult.class);
        assertEquals(EvacuationOutcome.COMPLETE, result.outcome(), result.toString());
        assertEquals("SWITCHED", result.services().get(0).dns(), result.toString());

        Service dr =
            worker
                .aws
                .ecs("eu-central-1")
                .describeServices(r -> r.cluster("mycomputer-dr").services("inventory-service"))
                .services()
                .get(0);
        assertEquals(5, dr.desiredCount());
        assertEquals(5, dr.runningCount());
        assertEquals(List.of(0L, 100L), weights(worker, "api.mycomputer.com"));

        CliRun shown = CliRun.of(worker.connectionArgs(), "status", workflowId);
        assertTrue(shown.out().contains("phase complete"), shown.toString());
      } finally {
        putBack(worker);
        stubs.shutdown();
      }
    }
  }

  /** Leaves the emulator as seeded: traffic on the primary, DR capacity at zero. */
  private static void putBack(SandboxWorker worker) {
    Route53Client r53 = worker.aws.route53();
    String zone = RegionsStandIn.zoneId(r53);
    List<ResourceRecordSet> sets =
        r53.listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets().stream()
            .filter(s -> s.name().startsWith("api.mycomputer.com") && s.setIdentifier() != null)
            .toList();
    r53.changeResourceRecordSets(
        r ->
            r.hostedZoneId(zone)
                .changeBatch(
                    b ->
                        b.changes(
                            sets.stream()
                                .map(
                                    s ->
                                        software.amazon.awssdk.services.route53.model.Change
                                            .builder()
                                            .action("UPSERT")
                                            .resourceRecordSet(
                                                s.toBuilder()
                                                    .weight(
                                                        "Primary".equals(s.setIdentifier())
                                                            ? 100L
                                                            : 0L)
                                                    .build())
                                            .build())
                                .toList())));
    worker
        .aws
        .ecs("eu-central-1")
        .updateService(
            r -> r.cluster("mycomputer-dr").service("inventory-service").desiredCount(0));
  }

  private static List<Long> weights(SandboxWorker worker, String record) {
    Route53Client r53 = worker.aws.route53();
    String zone = RegionsStandIn.zoneId(r53);
    List<ResourceRecordSet> sets =
        r53.listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets();
    return List.of(
        sets.stream()
            .filter(s -> s.name().startsWith(record) && "Primary".equals(s.setIdentifier()))
            .findFirst()
            .orElseThrow()
            .weight(),
        sets.stream()
            .filter(s -> s.name().startsWith(record) && "Secondary".equals(s.setIdentifier()))
            .findFirst()
            .orElseThrow()
            .weight());
  }
}
