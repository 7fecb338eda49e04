package dev.drrunbooks.aws.ecs;

import dev.drrunbooks.activities.ecs.EcsServiceState;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Which task definition a described service is on, against the one a run deployed. ECS's deployment
 * circuit breaker marks the deployment it gives up on {@code rolloutState} FAILED and, with
 * rollback on, starts a new PRIMARY deployment of the last completed one
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html;
 * DescribeServices' Deployment.rolloutState:
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html).
 */
final class RolloutCheck {
  private RolloutCheck() {}

  /**
   * The task definition the service is on: the PRIMARY deployment's when a deployment of {@code
   * requested} FAILED (the rollback is the PRIMARY then), else the service's own {@code
   * taskDefinition}, which UpdateService sets (moto never changes a deployment's task definition
   * after CreateService, so the PRIMARY deployment alone would be wrong there).
   */
  static String currentTaskDefinition(Service s, String requested) {
    if (failedDeploymentOf(s, requested).isPresent()) {
      Optional<Deployment> primary = primary(s);
      if (primary.isPresent() && primary.get().taskDefinition() != null)
        return primary.get().taskDefinition();
    }
    return s.taskDefinition();
  }

  /** True when the service is on another task definition than {@code requested}. */
  static boolean rolledBack(Service s, String requested) {
    return !EcsActivitiesImpl.sameTaskDefinition(currentTaskDefinition(s, requested), requested);
  }

  /** A deployment of {@code requested} whose rollout FAILED, if the service still lists one. */
  static Optional<Deployment> failedDeploymentOf(Service s, String requested) {
    if (!s.hasDeployments()) return Optional.empty();
    return s.deployments().stream()
        .filter(
            d ->
                "FAILED".equals(d.rolloutStateAsString())
                    && EcsActivitiesImpl.sameTaskDefinition(d.taskDefinition(), requested))
        .findFirst();
  }

  /**
   * Settled where it is: steady by the counts (one deployment, running = desired), or its PRIMARY
   * deployment's rollout COMPLETED with every task running (the failed deployment may still be
   * listed while it drains).
   */
  static boolean settled(Service s, EcsServiceState state) {
    if (state.steady()) return true;
    boolean completed =
        primary(s).map(d -> "COMPLETED".equals(d.rolloutStateAsString())).orElse(false);
    return completed && state.running() == state.desired() && state.pending() == 0;
  }

  /** "deployment ecs-svc/1 of inventory-service:2 FAILED: what ECS said". */
  static String describeFailure(Deployment d) {
    return "deployment "
        + d.id()
        + " of "
        + TaskDefinitionRef.familyRevisionOf(d.taskDefinition())
        + " FAILED: "
        + (d.rolloutStateReason() == null ? "no reason given" : d.rolloutStateReason());
  }

  private static Optional<Deployment> primary(Service s) {
    if (!s.hasDeployments()) return Optional.empty();
    return s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();
  }
}
