package dev.drrunbooks.ecsrecovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.Failures;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.replay.ScheduledActivities;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.FakeLocks;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EcsServiceRecoveryWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(EcsServiceRecoveryWorkflowImpl.class);

  private final FakeEcs ecs = new FakeEcs();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(ecs, new FakeCatalog(), new FakeLocks());
    env.start();
  }

  @Test
  void theRunbooksRecoveryStableTaskDefinitionForcedThenScaledToFiveThenSteady(
      WorkflowClient client, Worker worker) {
    EcsRecoveryResult result =
        stub(client, worker, "recover-ecs-inventory").run(EcsRecoveryInput.of("inventory"));

    String stable = FakeEcs.arn("eu-west-1", "inventory-service", 2);
    assertEquals(
        List.of(
            "eu-west-1 mycomputer-production/inventory-service td="
                + stable
                + " desired=null force=true",
            "eu-west-1 mycomputer-production/inventory-service td=null desired=5 force=false"),
        ecs.updates);
    assertEquals(stable, result.taskDefinitionArn());
    assertTrue(result.after().steady());
    assertEquals(5, result.after().running());
    assertEquals(
        FakeEcs.arn("eu-west-1", "inventory-service", 3), result.before().taskDefinitionArn());
    Histories.record(client, "recover-ecs-inventory", "ecs-recovery-steady");
    // the steady wait polled one attempt at a time (Polls.ECS_CHANGE_ID version 1)
    Histories.record(client, "recover-ecs-inventory", "ecs-recovery-polled");
    assertEquals(
        List.of("EcsPollSteadyOn"),
        ScheduledActivities.of(client, "recover-ecs-inventory").stream()
            .filter(t -> t.contains("Steady"))
            .toList());
    // a poll is one short attempt (ActivityDefaults.pollUntil), not one attempt as long as the wait
    assertEquals(
        Duration.ofMinutes(1).getSeconds(),
        client.fetchHistory("recover-ecs-inventory").getEvents().stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
            .filter(a -> a.getActivityType().getName().equals("EcsPollSteadyOn"))
            .findFirst()
            .orElseThrow()
            .getStartToCloseTimeout()
            .getSeconds());
  }

  @Test
  void aServiceThatNeverSteadiesIsRolledBackToThePreviousTaskDefinition(
      WorkflowClient client, Worker worker) {
    String stable = FakeEcs.arn("eu-west-1", "inventory-service", 2);
    String previous = FakeEcs.arn("eu-west-1", "inventory-service", 3);
    ecs.neverSteady.add(stable);

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "recover-ecs-rollback").run(EcsRecoveryInput.of("inventory")));

    String message = Failures.rootMessage(e);
    assertTrue(
        message.startsWith(
            "service inventory-service in cluster mycomputer-production not steady at"),
        message);
    assertTrue(
        message.contains(
            "(cleanup: ecs:mycomputer-production/inventory-service rolled back to " + previous),
        message);
    assertEquals(
        "eu-west-1 mycomputer-production/inventory-service td="
            + previous
            + " desired=null force=true",
        ecs.updates.get(2));
    assertEquals(
        previous,
        ecs.services.get("eu-west-1/mycomputer-production/inventory-service").taskDefinitionArn());
    Histories.record(client, "recover-ecs-rollback", "ecs-recovery-rolled-back");
  }

  /**
   * Issue 10, finding 1: the stable revision 2 is deployed, ECS's deployment circuit breaker rolls
   * the service back to revision 3
   * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html),
   * which is steady: the run fails saying so, after its rollback path, instead of reporting a
   * recovery.
   */
  @Test
  void aServiceRolledBackByTheCircuitBreakerFailsTheRunNamingWhereItSettled(
      WorkflowClient client, Worker worker) {
    String stable = FakeEcs.arn("eu-west-1", "inventory-service", 2);
    String previous = FakeEcs.arn("eu-west-1", "inventory-service", 3);
    ecs.rollsBackTo.put(stable, previous);

    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "recover-ecs-circuit-breaker")
                    .run(EcsRecoveryInput.of("inventory")));

    String message = Failures.rootMessage(e);
    assertTrue(
        message.startsWith(
            "ECS service 'inventory-service' in cluster 'mycomputer-production' (eu-west-1) is"
                + " steady on inventory-service:3, not the requested inventory-service:2 (rolled"
                + " back); deployment ecs-svc/fake of inventory-service:2 FAILED: ECS deployment"
                + " circuit breaker: tasks failed to start."),
        message);
    assertTrue(
        message.contains(
            "(cleanup: ecs:mycomputer-production/inventory-service rolled back to " + previous),
        message);
    assertEquals(
        List.of(
            "eu-west-1 mycomputer-production/inventory-service td="
                + stable
                + " desired=null force=true",
            "eu-west-1 mycomputer-production/inventory-service td=null desired=5 force=false",
            "eu-west-1 mycomputer-production/inventory-service td="
                + previous
                + " desired=null force=true"),
        ecs.updates);
    assertEquals(
        previous,
        ecs.services.get("eu-west-1/mycomputer-production/inventory-service").taskDefinitionArn());
    Histories.record(client, "recover-ecs-circuit-breaker", "ecs-recovery-circuit-breaker");
    // the rolled-back deployment failed its per-attempt poll; the rollback's wait polled too
    Histories.record(client, "recover-ecs-circuit-breaker", "ecs-recovery-circuit-breaker-polled");
    assertEquals(
        List.of("EcsPollSteadyOn", "EcsPollSteadyOn"),
        ScheduledActivities.of(client, "recover-ecs-circuit-breaker").stream()
            .filter(t -> t.contains("Steady"))
            .toList());
  }

  @Test
  void inTheDrRegionItUsesTheDrCluster(WorkflowClient client, Worker worker) {
    EcsRecoveryResult result =
        stub(client, worker, "recover-ecs-dr")
            .run(new EcsRecoveryInput("payments", "dr", null, null, null, null));
    assertEquals("eu-central-1", result.region());
    assertEquals("mycomputer-dr", result.cluster());
    assertEquals(5, result.after().desired());
  }

  @Test
  void badInputIsRefusedClearly(WorkflowClient client, Worker worker) {
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                stub(client, worker, "recover-bad")
                    .run(new EcsRecoveryInput("inventory", "mars-1", null, null, null, null)));
    assertEquals(
        "region: 'mars-1' is not valid; primary, dr, or an AWS region such as eu-central-1",
        Failures.rootMessage(e));
    assertEquals(List.of(), ecs.updates);
  }

  private static EcsServiceRecoveryWorkflow stub(WorkflowClient client, Worker worker, String id) {
    return client.newWorkflowStub(
        EcsServiceRecoveryWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
  }
}
