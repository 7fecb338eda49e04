package dev.drrunbooks.activities.ecs;

/**
 * One update-service call: a task definition (null keeps the current one), a desired count (null
 * keeps it), and whether to force a new deployment.
 */
public record EcsServiceUpdate(
    String region,
    String cluster,
    String service,
    String taskDefinition,
    Integer desiredCount,
    boolean forceNewDeployment) {}
