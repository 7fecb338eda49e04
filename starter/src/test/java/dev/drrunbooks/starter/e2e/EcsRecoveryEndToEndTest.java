package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.ledger.SandboxLedger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The runbook's ECS service recovery through the starter, against the emulator's ECS; its end is
 * one row in the evidence ledger.
 */
@ResourceLock(SandboxLocks.INVENTORY_ECS_SERVICE)
class EcsRecoveryEndToEndTest {
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker();
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  @Test
  void stableTaskDefinitionForcedDeploymentScaledToFiveAndSteady() throws Exception {
    EcsClient ecs = worker.aws.ecs("eu-west-1");
    Service before = service(ecs);
    try {
      CliRun run = CliRun.of(worker.connectionArgs(), "recover-ecs", "--service", "inventory");
      assertEquals(0, run.exitCode(), run.toString());
      assertTrue(
          run.out()
              .contains(
                  "Recovered inventory-service in mycomputer-production (eu-west-1) on "
                      + "arn:aws:ecs:eu-west-1:"),
          run.toString());

      String workflowId = LedgerRows.workflowIdOf(run);
      try {
        assertEquals(
            new LedgerReceipt(true, "recorded"), LedgerRows.receipt(worker.client(), workflowId));
        assertEquals(List.of("ecs-recovery"), LedgerRows.procedures(workflowId), "one ledger row");
      } finally {
        SandboxLedger.delete(workflowId);
      }

      Service after = service(ecs);
      assertTrue(
          after.taskDefinition().endsWith("task-definition/inventory-service:2"),
          after.taskDefinition());
      assertEquals(5, after.desiredCount());
      assertEquals(5, after.runningCount());
      assertTrue(
          !after.deployments().get(0).id().equals(before.deployments().get(0).id()),
          "a new deployment was forced");
    } finally {
      ecs.updateService(
          r ->
              r.cluster("mycomputer-production")
                  .service("inventory-service")
                  .taskDefinition(before.taskDefinition())
                  .desiredCount(before.desiredCount()));
    }
  }

  private static Service service(EcsClient ecs) {
    return ecs.describeServices(
            r -> r.cluster("mycomputer-production").services("inventory-service"))
        .services()
        .get(0);
  }
}
