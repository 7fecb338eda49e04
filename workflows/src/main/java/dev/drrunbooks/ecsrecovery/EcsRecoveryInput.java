package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.payload.ServiceInput;

/**
 * {@code {"service": "inventory"}} is the runbook's ECS recovery in the primary region: the stable
 * task definition with a forced new deployment, then the catalog's desired count, then a steady
 * state.
 *
 * @param region "primary" (default), "dr", or a region name
 * @param cluster default: the catalog's cluster for that region (ecs.cluster or ecs.drCluster)
 * @param taskDefinition family:label or family:revision (default: the catalog's
 *     stableTaskDefinition)
 * @param desiredCount default: the catalog's desiredCount
 * @param waitBudget how long the service may take to become steady (default: the service's RTO)
 */
public record EcsRecoveryInput(
    String service,
    String region,
    String cluster,
    String taskDefinition,
    Integer desiredCount,
    String waitBudget)
    implements ServiceInput {

  public static EcsRecoveryInput of(String service) {
    return new EcsRecoveryInput(service, null, null, null, null, null);
  }
}
