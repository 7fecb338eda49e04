package dev.drrunbooks.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsRollback;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.aws.ScriptedSdkClient;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.lang.reflect.InvocationHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/**
 * Issue 10, finding 1: the real update and wait against an ECS whose deployment circuit breaker
 * rolls the service back. moto never rolls back (and never changes a deployment's task definition
 * after CreateService), so the client here is scripted after the AWS documentation: a deployment
 * that cannot reach a steady state gets {@code rolloutState} FAILED and, with rollback on, ECS
 * starts a PRIMARY deployment of the last completed task definition, which then COMPLETES
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html;
 * DescribeServices' Deployment.rolloutState:
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html).
 */
class CircuitBreakerRollbackTest {
  private static final String REGION = "eu-west-1";
  private static final String CLUSTER = "mycomputer-production";
  private static final String SERVICE = "inventory-service";
  private static final String PREVIOUS =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/inventory-service:3";
  private static final String STABLE =
      "arn:aws:ecs:eu-west-1:123456789012:task-definition/inventory-service:2";
  private static final String REASON = "ECS deployment circuit breaker: tasks failed to start.";
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .build();

  private TestActivityEnvironment env;
  private EcsActivities ecs;

  /** What describe-services answers after each update-service, in order; the last one repeats. */
  private final Deque<Service> afterUpdate = new ArrayDeque<>();

  private final List<String> calls = new ArrayList<>();
  private Service current =
      service(PREVIOUS, 2, 2, 0, deployment("ecs-svc/3", "PRIMARY", PREVIOUS, "COMPLETED", null));

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new EcsActivitiesImpl(
            region -> scriptedEcs(), Duration.ofMillis(10), Duration.ofMillis(40)));
    ecs = env.newActivityStub(EcsActivities.class, OPTIONS);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aRollbackToTheLastCompletedDeploymentFailsTheWaitNamingWhereTheServiceSettled() {
    // update-service to :2: the new deployment rolls out, its tasks fail, the breaker trips and ECS
    // rolls
    // back to :3. The service's own taskDefinition is left at :2 here: only the deployments tell.
    afterUpdate.add(
        service(
            STABLE,
            2,
            2,
            2,
            deployment("ecs-svc/2", "PRIMARY", STABLE, "IN_PROGRESS", null),
            deployment("ecs-svc/3", "ACTIVE", PREVIOUS, "COMPLETED", null)));
    afterUpdate.add(
        service(
            STABLE,
            1,
            2,
            1,
            deployment("ecs-svc/rollback", "PRIMARY", PREVIOUS, "IN_PROGRESS", null),
            deployment("ecs-svc/2", "ACTIVE", STABLE, "FAILED", REASON)));
    afterUpdate.add(
        service(
            STABLE,
            2,
            2,
            0,
            deployment("ecs-svc/rollback", "PRIMARY", PREVIOUS, "COMPLETED", null),
            deployment("ecs-svc/2", "ACTIVE", STABLE, "FAILED", REASON)));

    ecs.updateService(new EcsServiceUpdate(REGION, CLUSTER, SERVICE, STABLE, null, true));
    ApplicationFailure af =
        failureOf(() -> ecs.awaitSteadyOn(REGION, CLUSTER, SERVICE, STABLE, soon()));

    assertTrue(af.isNonRetryable());
    assertEquals(EcsRollback.TYPE, af.getType());
    assertEquals(
        "ECS service 'inventory-service' in cluster 'mycomputer-production' (eu-west-1) is steady"
            + " on inventory-service:3, not the requested inventory-service:2 (rolled back);"
            + " deployment ecs-svc/2 of inventory-service:2 FAILED: "
            + REASON,
        af.getOriginalMessage());
    assertEquals(
        List.of("update " + STABLE, "describe", "describe", "describe"),
        calls,
        "the rollback in progress is waited for, the settled one ends the wait");
  }

  @Test
  void aServiceUpdatedBackBeforeThePollSawTheFailureIsReportedAsRolledBackToo() {
    // The failed deployment is gone by the first poll (polls are up to 30 s apart), or a person
    // updated it back.
    afterUpdate.add(
        service(
            PREVIOUS,
            2,
            2,
            0,
            deployment("ecs-svc/rollback", "PRIMARY", PREVIOUS, "COMPLETED", null)));

    ecs.updateService(new EcsServiceUpdate(REGION, CLUSTER, SERVICE, STABLE, null, true));
    ApplicationFailure af =
        failureOf(() -> ecs.awaitSteadyOn(REGION, CLUSTER, SERVICE, STABLE, soon()));

    assertEquals(EcsRollback.TYPE, af.getType());
    assertEquals(
        "ECS service 'inventory-service' in cluster 'mycomputer-production' (eu-west-1) is steady"
            + " on inventory-service:3, not the requested inventory-service:2 (rolled back)",
        af.getOriginalMessage());
  }

  @Test
  void aRollbackStillUnderWayAtTheDeadlineSaysSo() {
    afterUpdate.add(
        service(
            STABLE,
            1,
            2,
            1,
            deployment("ecs-svc/rollback", "PRIMARY", PREVIOUS, "IN_PROGRESS", null),
            deployment("ecs-svc/2", "ACTIVE", STABLE, "FAILED", REASON)));

    ecs.updateService(new EcsServiceUpdate(REGION, CLUSTER, SERVICE, STABLE, null, true));
    Instant deadline = Instant.now().minusSeconds(1);
    ApplicationFailure af =
        failureOf(() -> ecs.awaitSteadyOn(REGION, CLUSTER, SERVICE, STABLE, deadline));

    assertEquals("EcsNotSteady", af.getType());
    assertTrue(
        af.getOriginalMessage()
            .endsWith(
                "; rolling back to inventory-service:3, not the requested "
                    + "inventory-service:2 (deployment ecs-svc/2 of inventory-service:2 FAILED: "
                    + REASON
                    + ")"),
        af.getOriginalMessage());
  }

  @Test
  void aDeploymentThatCompletesIsSteadyOnTheRequestedTaskDefinition() {
    afterUpdate.add(
        service(
            STABLE,
            2,
            2,
            2,
            deployment("ecs-svc/2", "PRIMARY", STABLE, "IN_PROGRESS", null),
            deployment("ecs-svc/3", "ACTIVE", PREVIOUS, "COMPLETED", null)));
    afterUpdate.add(
        service(STABLE, 2, 2, 0, deployment("ecs-svc/2", "PRIMARY", STABLE, "COMPLETED", null)));

    ecs.updateService(new EcsServiceUpdate(REGION, CLUSTER, SERVICE, STABLE, null, true));
    EcsServiceState state = ecs.awaitSteadyOn(REGION, CLUSTER, SERVICE, STABLE, soon());

    assertEquals(new EcsServiceState(CLUSTER, SERVICE, STABLE, 2, 2, 0, 1, "ACTIVE"), state);
  }

  @Test
  void motosDeploymentThatKeepsItsCreateTimeTaskDefinitionIsNotARollback() {
    // moto updates the service's taskDefinition but not its one PRIMARY deployment's.
    afterUpdate.add(
        service(STABLE, 2, 2, 0, deployment("ecs-svc/3", "PRIMARY", PREVIOUS, "COMPLETED", null)));

    ecs.updateService(new EcsServiceUpdate(REGION, CLUSTER, SERVICE, STABLE, null, true));
    assertEquals(
        STABLE, ecs.awaitSteadyOn(REGION, CLUSTER, SERVICE, STABLE, soon()).taskDefinitionArn());
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(30);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure e = assertThrows(ActivityFailure.class, call::run);
    return assertInstanceOf(ApplicationFailure.class, e.getCause(), () -> "cause of " + e);
  }

  /** update-service and describe-services as scripted above; any other call fails the test. */
  private EcsClient scriptedEcs() {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object arg = args == null || args.length == 0 ? null : args[0];
          if (arg instanceof UpdateServiceRequest u) {
            calls.add("update " + u.taskDefinition());
            if (!afterUpdate.isEmpty()) current = afterUpdate.poll();
            return UpdateServiceResponse.builder().service(current).build();
          }
          if (arg instanceof DescribeServicesRequest) {
            calls.add("describe");
            Service answer = current;
            if (!afterUpdate.isEmpty()) current = afterUpdate.poll();
            return DescribeServicesResponse.builder().services(answer).failures(List.of()).build();
          }
          return ScriptedSdkClient.NOT_SCRIPTED;
        };
    return ScriptedSdkClient.of(EcsClient.class, "ecs", handler);
  }

  private static Service service(
      String taskDefinition, int running, int desired, int pending, Deployment... deployments) {
    return Service.builder()
        .serviceName(SERVICE)
        .serviceArn("arn:aws:ecs:eu-west-1:123456789012:service/" + CLUSTER + "/" + SERVICE)
        .clusterArn("arn:aws:ecs:eu-west-1:123456789012:cluster/" + CLUSTER)
        .status("ACTIVE")
        .taskDefinition(taskDefinition)
        .runningCount(running)
        .desiredCount(desired)
        .pendingCount(pending)
        .deployments(deployments)
        .build();
  }

  private static Deployment deployment(
      String id, String status, String taskDefinition, String rollout, String reason) {
    return Deployment.builder()
        .id(id)
        .status(status)
        .taskDefinition(taskDefinition)
        .rolloutState(rollout)
        .rolloutStateReason(reason)
        .createdAt(Instant.parse("2024-01-15T03:30:00Z"))
        .build();
  }
}
