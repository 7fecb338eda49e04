package dev.drrunbooks.activities.ecs;

/**
 * A service that became steady on another task definition than the one the run deployed: ECS's
 * deployment circuit breaker rolled it back to the last completed deployment
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html), or
 * someone updated it back. {@code awaitSteadyOn} fails non-retryably with {@link #TYPE} and {@link
 * #message}.
 */
public final class EcsRollback {
  /** The failure type of a run whose service was rolled back. */
  public static final String TYPE = "EcsRolledBack";

  private EcsRollback() {}

  /**
   * "ECS service 'inventory-service' in cluster 'c' (eu-west-1) is steady on inventory-service:3,
   * not the requested inventory-service:2 (rolled back); deployment ecs-svc/1 of
   * inventory-service:2 FAILED: why".
   *
   * @param steadyOn and {@code requested}: task definition ARNs or family:revision
   * @param why what ECS said about the failed deployment, or null when the service shows none
   */
  public static String message(
      String region,
      String cluster,
      String service,
      String steadyOn,
      String requested,
      String why) {
    return "ECS service '"
        + service
        + "' in cluster '"
        + cluster
        + "' ("
        + region
        + ") is steady on "
        + familyRevision(steadyOn)
        + ", not the requested "
        + familyRevision(requested)
        + " (rolled back)"
        + (why == null || why.isBlank() ? "" : "; " + why);
  }

  /** {@code arn:aws:ecs:...:task-definition/inventory-service:3} as {@code inventory-service:3}. */
  public static String familyRevision(String taskDefinition) {
    if (taskDefinition == null) return "(none)";
    return taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1);
  }
}
